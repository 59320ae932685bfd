//! [`PostgresAlertStore`]: connecting into a schema, and the `AlertStore` and `HealthProbe`
//! ports over it.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::alert::Alert;
use ports::{AlertFilter, AlertPage, AlertStore, AlertStoreError, Delivery, HealthProbe, ProbeError, Recorded};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, PgPool};

use crate::error::StateError;
use crate::{alerts, outbox, schema};

/// The longest wait for a pooled connection, connecting included: a database that is down or
/// slow fails start-up (and each call) after this, instead of hanging.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The alert history and delivery outbox in one PostgreSQL schema.
#[derive(Debug, Clone)]
pub struct PostgresAlertStore {
    pool: PgPool,
}

impl PostgresAlertStore {
    pub(crate) const fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Connects a pool of up to `pool_size` connections to `url`, creates `schema` if missing,
    /// points every connection's `search_path` at it, and applies pending migrations there.
    ///
    /// # Errors
    /// `InvalidSchema` before any I/O when `schema` is not `[a-z_][a-z0-9_]{0,62}` (or starts
    /// with `pg_`); `InvalidUrl`; `Connect` when no connection opens within 5 s;
    /// `Migrate` when creating or migrating the schema fails.
    pub async fn connect(url: &str, schema: &str, pool_size: u32) -> Result<Self, StateError> {
        // The name is interpolated into SQL below: it must be validated before anything runs.
        schema::validate(schema)?;
        let options = PgConnectOptions::from_str(url).map_err(|e| StateError::InvalidUrl(e.into()))?;
        let set_search_path = format!("SET search_path TO \"{schema}\"");
        let pool = PgPoolOptions::new()
            .max_connections(pool_size.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                let sql = AssertSqlSafe(set_search_path.clone());
                Box::pin(async move { sqlx::raw_sql(sql).execute(conn).await.map(drop) })
            })
            .connect_with(options)
            .await
            .map_err(|e| StateError::Connect { seconds: ACQUIRE_TIMEOUT.as_secs(), source: e.into() })?;
        // `CREATE SCHEMA IF NOT EXISTS` runs inside the migrator, under its advisory lock: run
        // concurrently (several machines starting at once) it would otherwise fail on
        // pg_namespace's unique index. The tables and `_sqlx_migrations` land in the schema
        // through search_path.
        let mut migrator = schema::migrator();
        migrator.create_schema(schema.to_owned());
        migrator.run(&pool).await.map_err(|e| StateError::Migrate { schema: schema.to_owned(), source: e.into() })?;
        Ok(Self { pool })
    }

    /// Closes every connection, waiting for those in use; later calls fail with `Unavailable`.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl AlertStore for PostgresAlertStore {
    #[tracing::instrument(name = "postgres.alerts.record", skip_all, fields(alert = %alert.id))]
    async fn record(&self, alert: &Alert, channels: &[String]) -> Result<Recorded, AlertStoreError> {
        alerts::record(&self.pool, alert, channels).await
    }

    #[tracing::instrument(name = "postgres.alerts.get", skip_all, fields(alert = %id))]
    async fn get(&self, id: Uuid) -> Result<Alert, AlertStoreError> {
        alerts::get(&self.pool, id).await
    }

    #[tracing::instrument(name = "postgres.alerts.list", skip_all, fields(offset, limit))]
    async fn list(&self, filter: &AlertFilter, offset: u64, limit: u32) -> Result<AlertPage, AlertStoreError> {
        alerts::list(&self.pool, filter, offset, limit).await
    }

    #[tracing::instrument(name = "postgres.alerts.acknowledge", skip_all, fields(alert = %id))]
    async fn acknowledge(&self, id: Uuid, by: &str, at: DateTime<Utc>) -> Result<Alert, AlertStoreError> {
        alerts::acknowledge(&self.pool, id, by, at).await
    }

    #[tracing::instrument(name = "postgres.alerts.claim_due", skip_all, fields(limit))]
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, AlertStoreError> {
        outbox::claim_due(&self.pool, now, lease_until, limit).await
    }

    #[tracing::instrument(name = "postgres.alerts.delivered", skip_all, fields(%delivery))]
    async fn delivered(&self, delivery: Uuid, at: DateTime<Utc>) -> Result<(), AlertStoreError> {
        outbox::delivered(&self.pool, delivery, at).await
    }

    #[tracing::instrument(name = "postgres.alerts.failed", skip_all, fields(%delivery))]
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
impl HealthProbe for PostgresAlertStore {
    /// `SELECT 1`; waiting for a connection is bounded by the pool's acquire timeout.
    async fn check(&self) -> Result<(), ProbeError> {
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| ProbeError(format!("postgres: {e}")))?;
        if one == 1 { Ok(()) } else { Err(ProbeError(format!("postgres: SELECT 1 returned {one}"))) }
    }
}
