//! [`SqliteAlertStore`]: opening the file, and the `AlertStore` and `HealthProbe` ports over it.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::alert::Alert;
use ports::{AlertFilter, AlertPage, AlertStore, AlertStoreError, Delivery, HealthProbe, ProbeError, Recorded};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};

use crate::error::StateError;
use crate::{alerts, outbox, schema};

/// How long a statement waits for another connection's (or process's) write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// SQLite serialises writers anyway; a few connections let reads overlap a write (WAL).
const MAX_CONNECTIONS: u32 = 4;

/// The alert history and delivery outbox in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteAlertStore {
    pool: SqlitePool,
}

impl SqliteAlertStore {
    pub(crate) const fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Opens (creating if missing) the database at `path` and its parent directory, puts it in
    /// WAL mode, then applies pending migrations.
    ///
    /// # Errors
    /// When the directory cannot be created, the file cannot be opened, or migrating fails.
    pub async fn open(path: &Path) -> Result<Self, StateError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StateError::CreateDir { path: dir.to_path_buf(), source })?;
        }
        let open_error = |e: sqlx::Error| StateError::Open { path: path.to_path_buf(), source: e.into() };
        // No `journal_mode` here: every new connection would try to switch a new file to WAL at
        // once, and that switch does not wait for locks. One connection does it (with retries),
        // and the file keeps the mode.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let mut setup = SqliteConnection::connect_with(&options).await.map_err(open_error)?;
        schema::ensure_wal(&mut setup).await.map_err(open_error)?;
        Self::migrate(&mut setup, path).await?;
        setup.close().await.map_err(open_error)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        Ok(Self { pool })
    }

    /// A private in-memory database, for tests and local runs: gone when the store is dropped.
    ///
    /// # Errors
    /// When SQLite cannot open it or migrating fails.
    pub async fn in_memory() -> Result<Self, StateError> {
        let path = Path::new(":memory:");
        let open_error = |e: sqlx::Error| StateError::Open { path: path.to_path_buf(), source: e.into() };
        // `sqlite::memory:` names a fresh database per call; every connection of a pool would
        // share it, but one connection that never expires keeps it alive and serialises writes.
        let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(open_error)?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        Self::migrate(&mut *pool.acquire().await.map_err(open_error)?, path).await?;
        Ok(Self { pool })
    }

    async fn migrate(conn: &mut SqliteConnection, path: &Path) -> Result<(), StateError> {
        schema::migrate(conn).await.map_err(|e| StateError::Migrate { path: path.to_path_buf(), source: e.into() })
    }

    /// Closes every connection, waiting for those in use; later calls fail with `Unavailable`.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl AlertStore for SqliteAlertStore {
    #[tracing::instrument(name = "sqlite.alerts.record", skip_all, fields(alert = %alert.id))]
    async fn record(&self, alert: &Alert, channels: &[String]) -> Result<Recorded, AlertStoreError> {
        alerts::record(&self.pool, alert, channels).await
    }

    #[tracing::instrument(name = "sqlite.alerts.get", skip_all, fields(alert = %id))]
    async fn get(&self, id: Uuid) -> Result<Alert, AlertStoreError> {
        alerts::get(&self.pool, id).await
    }

    #[tracing::instrument(name = "sqlite.alerts.list", skip_all, fields(offset, limit))]
    async fn list(&self, filter: &AlertFilter, offset: u64, limit: u32) -> Result<AlertPage, AlertStoreError> {
        alerts::list(&self.pool, filter, offset, limit).await
    }

    #[tracing::instrument(name = "sqlite.alerts.acknowledge", skip_all, fields(alert = %id))]
    async fn acknowledge(&self, id: Uuid, by: &str, at: DateTime<Utc>) -> Result<Alert, AlertStoreError> {
        alerts::acknowledge(&self.pool, id, by, at).await
    }

    #[tracing::instrument(name = "sqlite.alerts.claim_due", skip_all, fields(limit))]
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, AlertStoreError> {
        outbox::claim_due(&self.pool, now, lease_until, limit).await
    }

    #[tracing::instrument(name = "sqlite.alerts.delivered", skip_all, fields(%delivery))]
    async fn delivered(&self, delivery: Uuid, at: DateTime<Utc>) -> Result<(), AlertStoreError> {
        outbox::delivered(&self.pool, delivery, at).await
    }

    #[tracing::instrument(name = "sqlite.alerts.failed", skip_all, fields(%delivery))]
    async fn failed(
        &self,
        delivery: Uuid,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), AlertStoreError> {
        outbox::failed(&self.pool, delivery, error, retry_at).await
    }
}

#[async_trait]
impl HealthProbe for SqliteAlertStore {
    async fn check(&self) -> Result<(), ProbeError> {
        let one: i64 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| ProbeError(format!("sqlite: {e}")))?;
        if one == 1 { Ok(()) } else { Err(ProbeError(format!("sqlite: SELECT 1 returned {one}"))) }
    }
}
