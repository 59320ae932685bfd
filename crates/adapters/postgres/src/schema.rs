//! The schema name rules and the embedded migrations.
//!
//! Migrations are built at run time from `include_str!` rather than with `sqlx::migrate!`: the
//! workspace builds sqlx without its `macros` feature (no compile-time database access), and the
//! result is the same `Migrator`, checksums included.

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::error::StateError;

/// `(version, description, sql)`, in order; never edit an applied one, add a new file.
const MIGRATIONS: [(i64, &str, &str); 5] = [
    (1, "alerts", include_str!("../migrations/0001_alerts.sql")),
    (2, "report_jobs", include_str!("../migrations/0002_report_jobs.sql")),
    (3, "crm runs", include_str!("../migrations/0003_crm_runs.sql")),
    (4, "import batches", include_str!("../migrations/0004_import_batches.sql")),
    (5, "schedules", include_str!("../migrations/0005_schedules.sql")),
];

pub(crate) fn migrator() -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(version, Cow::Borrowed(description), MigrationType::Simple, sql.into_sql_str(), false)
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// Accepts `[a-z_][a-z0-9_]{0,62}` (an unquoted identifier PostgreSQL keeps as is, within its
/// 63-byte limit) that does not start with `pg_` (reserved for system schemas). The name is
/// interpolated into SQL, so nothing else may pass.
pub(crate) fn validate(schema: &str) -> Result<(), StateError> {
    let mut chars = schema.chars();
    let head_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    let tail_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if head_ok && tail_ok && schema.len() <= 63 && !schema.starts_with("pg_") {
        Ok(())
    } else {
        Err(StateError::InvalidSchema(schema.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn only_plain_lower_case_identifiers_pass() {
        for good in ["salesflow", "_x", "t_0123abcd", &"a".repeat(63)] {
            assert!(validate(good).is_ok(), "{good} is valid");
        }
        let too_long = "a".repeat(64);
        for bad in ["", "Public", "1abc", "a-b", "a b", "x;drop schema public", "\"x\"", "pg_temp", "é", &too_long] {
            assert!(validate(bad).is_err(), "{bad} is refused");
        }
    }
}
