//! The `CrmRunStore` port over the state file: the CRM run history survives a restart. Each run
//! is one row (its JSON beside the columns that order it); a save and its pruning commit together.

use async_trait::async_trait;
use domain::Uuid;
use ports::{CrmRunStore, RunRecord, RunStoreError};
use sqlx::Row;

use crate::SqliteAlertStore;
use crate::codec::{id_text, micros};

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> RunStoreError {
    move |error| {
        tracing::warn!(operation, %error, "sqlite crm run store failed");
        RunStoreError::Unavailable(format!("sqlite {operation}: {error}"))
    }
}

/// A stored run that no longer parses: reported, never a panic.
fn decode(json: &str) -> Result<RunRecord, RunStoreError> {
    serde_json::from_str(json).map_err(|error| {
        tracing::error!(%error, "corrupt row in crm_runs");
        RunStoreError::Unavailable(format!("corrupt row in crm_runs: {error}"))
    })
}

#[async_trait]
impl CrmRunStore for SqliteAlertStore {
    #[tracing::instrument(name = "sqlite.crm_runs.save", skip_all, fields(run = %run.id))]
    async fn save(&self, run: &RunRecord, keep: u32) -> Result<(), RunStoreError> {
        let json = serde_json::to_string(run).map_err(|e| RunStoreError::Unavailable(format!("encode run: {e}")))?;
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await.map_err(unavailable("save"))?;
        sqlx::query(
            "INSERT INTO crm_runs (id, started_at, trigger, status, record) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, trigger = excluded.trigger, \
             status = excluded.status, record = excluded.record",
        )
        .bind(id_text(run.id))
        .bind(micros(run.started_at))
        .bind(run.trigger.as_str())
        .bind(run.status.as_str())
        .bind(json)
        .execute(&mut *tx)
        .await
        .map_err(unavailable("save"))?;
        sqlx::query(
            "DELETE FROM crm_runs WHERE id NOT IN \
             (SELECT id FROM crm_runs ORDER BY started_at DESC, id DESC LIMIT ?)",
        )
        .bind(i64::from(keep.max(1)))
        .execute(&mut *tx)
        .await
        .map_err(unavailable("prune"))?;
        tx.commit().await.map_err(unavailable("save"))
    }

    #[tracing::instrument(name = "sqlite.crm_runs.get", skip_all, fields(run = %id))]
    async fn get(&self, id: Uuid) -> Result<RunRecord, RunStoreError> {
        let json: Option<String> = sqlx::query_scalar("SELECT record FROM crm_runs WHERE id = ?")
            .bind(id_text(id))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get"))?;
        json.map_or(Err(RunStoreError::NotFound(id)), |j| decode(&j))
    }

    #[tracing::instrument(name = "sqlite.crm_runs.list", skip_all, fields(limit))]
    async fn list(&self, limit: u32) -> Result<Vec<RunRecord>, RunStoreError> {
        let rows = sqlx::query("SELECT record FROM crm_runs ORDER BY started_at DESC, id DESC LIMIT ?")
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await
            .map_err(unavailable("list"))?;
        rows.iter()
            .map(|row| row.try_get::<String, _>("record").map_err(unavailable("list")).and_then(|j| decode(&j)))
            .collect()
    }
}
