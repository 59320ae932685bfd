//! Errors of connecting, and the translation of driver errors into the port's.

use ports::AlertStoreError;

/// Why the PostgreSQL state could not be set up. Never carries the URL (it may hold a password).
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("invalid schema name {0:?}: expected [a-z_][a-z0-9_]{{0,62}}, not starting with pg_")]
    InvalidSchema(String),
    #[error("invalid PostgreSQL URL")]
    InvalidUrl(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("cannot connect to PostgreSQL within {seconds} s")]
    Connect {
        seconds: u64,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot create or migrate schema {schema}")]
    Migrate {
        schema: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Maps a driver error of `operation` to `Unavailable`, logging the details that the short
/// reason leaves out.
pub(crate) fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> AlertStoreError {
    move |error| {
        tracing::warn!(operation, %error, "postgres alert store failed");
        AlertStoreError::Unavailable(format!("postgres {operation}: {error}"))
    }
}

/// A row that cannot be mapped back to domain values: reported, never a panic.
pub(crate) fn corrupt(table: &str, column: &str) -> AlertStoreError {
    tracing::error!(table, column, "corrupt row in the postgres alert store");
    AlertStoreError::Unavailable(format!("corrupt row in {table}: bad {column}"))
}
