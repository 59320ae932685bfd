//! Preparing a database for use: WAL mode and the embedded migrations, both safe when several
//! processes open a new file at once.
//!
//! Migrations are built at run time from `include_str!` rather than with `sqlx::migrate!`: the
//! workspace builds sqlx without its `macros` feature (no compile-time database access), and the
//! result is the same `Migrator`, checksums included.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Connection, SqlSafeStr, SqliteConnection};

/// `(version, description, sql)`, in order; never edit an applied one, add a new file.
const MIGRATIONS: [(i64, &str, &str); 5] = [
    (1, "alerts", include_str!("../migrations/0001_alerts.sql")),
    (2, "report jobs", include_str!("../migrations/0002_report_jobs.sql")),
    (3, "crm runs", include_str!("../migrations/0003_crm_runs.sql")),
    (4, "import batches", include_str!("../migrations/0004_import_batches.sql")),
    (5, "schedules", include_str!("../migrations/0005_schedules.sql")),
];
/// How often to retry switching to WAL while other openers hold the lock it needs.
const WAL_ATTEMPTS: u32 = 5;

fn migrator() -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(version, Cow::Borrowed(description), MigrationType::Simple, sql.into_sql_str(), false)
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// Applies pending migrations. sqlx takes no lock for SQLite, so two processes opening a new
/// file would both apply migration 1 and one would fail; under `BEGIN IMMEDIATE` the others
/// wait (busy timeout) and then find it applied. The migrator's own transactions become
/// savepoints of this one.
pub(crate) async fn migrate(conn: &mut SqliteConnection) -> Result<(), sqlx::migrate::MigrateError> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    migrator().run(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts the file in WAL mode (a property of the file, kept once set), so readers never block
/// the writer and other processes can share it.
///
/// Switching needs an exclusive lock that SQLite does not wait for (the busy timeout does not
/// apply), so a concurrent opener doing the same makes it fail at once: then wait for that
/// opener's lock the way SQLite does wait (`BEGIN IMMEDIATE`) and try again.
pub(crate) async fn ensure_wal(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut attempt = 1;
    loop {
        match sqlx::query_scalar::<_, String>("PRAGMA journal_mode = WAL").fetch_one(&mut *conn).await {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => return Err(sqlx::Error::Protocol(format!("journal mode stayed {mode}, WAL refused"))),
            Err(error) if is_busy(&error) && attempt < WAL_ATTEMPTS => {
                attempt += 1;
                conn.begin_with("BEGIN IMMEDIATE").await?.rollback().await?;
            }
            Err(error) => return Err(error),
        }
    }
}

/// `SQLITE_BUSY` or one of its extended codes (the primary code is the low byte).
fn is_busy(error: &sqlx::Error) -> bool {
    let code = error.as_database_error().and_then(|e| e.code()).and_then(|c| c.parse::<i32>().ok());
    code.is_some_and(|c| c & 0xff == 5)
}
