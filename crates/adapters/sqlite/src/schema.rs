//! The embedded migrations.
//!
//! Built at run time from `include_str!` rather than with `sqlx::migrate!`: the workspace
//! builds sqlx without its `macros` feature (no compile-time database access), and the result
//! is the same `Migrator`, checksums included.

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// `(version, description, sql)`, in order; never edit an applied one, add a new file.
const MIGRATIONS: [(i64, &str, &str); 1] = [(1, "alerts", include_str!("../migrations/0001_alerts.sql"))];

pub(crate) fn migrator() -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(version, Cow::Borrowed(description), MigrationType::Simple, sql.into_sql_str(), false)
        })
        .collect();
    Migrator::with_migrations(migrations)
}
