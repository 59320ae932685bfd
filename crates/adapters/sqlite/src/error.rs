//! Errors of opening the database, and the translation of driver errors into the port's.

use std::path::PathBuf;

use ports::AlertStoreError;

/// Why the SQLite state could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot create the directory {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the SQLite database {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot migrate the SQLite database {path}")]
    Migrate {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Maps a driver error of `operation` to `Unavailable`, logging the details that the short
/// reason leaves out.
pub(crate) fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> AlertStoreError {
    move |error| {
        tracing::warn!(operation, %error, "sqlite alert store failed");
        AlertStoreError::Unavailable(format!("sqlite {operation}: {error}"))
    }
}

/// A row that cannot be mapped back to domain values: reported, never a panic.
pub(crate) fn corrupt(table: &str, column: &str) -> AlertStoreError {
    tracing::error!(table, column, "corrupt row in the sqlite alert store");
    AlertStoreError::Unavailable(format!("corrupt row in {table}: bad {column}"))
}
