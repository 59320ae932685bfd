//! The `ImportBatchStore` port over the same SQLite file as the alerts: uploaded batches and the
//! progress of their commit survive a restart, and the progress is written with a
//! compare-and-set on `version`, so two gateways on this host never both run one commit.
//!
//! The report (rows and errors) and the progress are JSON columns: nothing queries inside them,
//! and the batch is always read whole.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{BatchStoreError, CommitProgress, ImportBatch, ImportBatchStore};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::SqliteAlertStore;
use crate::codec::{id_text, micros};

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> BatchStoreError {
    move |error| {
        tracing::warn!(operation, %error, "sqlite import batch store failed");
        BatchStoreError::Unavailable(format!("sqlite {operation}: {error}"))
    }
}

fn corrupt(column: &str) -> BatchStoreError {
    tracing::error!(column, "corrupt row in import_batches");
    BatchStoreError::Unavailable(format!("corrupt row in import_batches: bad {column}"))
}

fn encoded(json: serde_json::Result<String>, column: &str) -> Result<String, BatchStoreError> {
    json.map_err(|e| BatchStoreError::Unavailable(format!("cannot encode {column}: {e}")))
}

fn version_column(version: u64) -> Result<i64, BatchStoreError> {
    i64::try_from(version).map_err(|_| BatchStoreError::Unavailable("batch version out of range".to_owned()))
}

fn batch_from_row(row: &SqliteRow) -> Result<ImportBatch, BatchStoreError> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(|_| corrupt(c));
    let instant = |c: &str| {
        let raw: i64 = row.try_get(c).map_err(|_| corrupt(c))?;
        DateTime::from_timestamp_micros(raw).ok_or_else(|| corrupt(c))
    };
    let progress: Option<String> = row.try_get("progress").map_err(|_| corrupt("progress"))?;
    let version: i64 = row.try_get("version").map_err(|_| corrupt("version"))?;
    Ok(ImportBatch {
        id: Uuid::parse_str(&text("id")?).map_err(|_| corrupt("id"))?,
        owner: text("owner")?,
        file_name: row.try_get("file_name").map_err(|_| corrupt("file_name"))?,
        created_at: instant("created_at")?,
        expires_at: instant("expires_at")?,
        report: serde_json::from_str(&text("report")?).map_err(|_| corrupt("report"))?,
        commit: progress.map(|p| serde_json::from_str(&p)).transpose().map_err(|_| corrupt("progress"))?,
        version: u64::try_from(version).map_err(|_| corrupt("version"))?,
    })
}

#[async_trait]
impl ImportBatchStore for SqliteAlertStore {
    #[tracing::instrument(name = "sqlite.import_batches.create", skip_all, fields(batch = %batch.id))]
    async fn create(&self, batch: &ImportBatch) -> Result<(), BatchStoreError> {
        let progress = batch.commit.as_ref().map(|p| encoded(serde_json::to_string(p), "progress")).transpose()?;
        sqlx::query(
            "INSERT INTO import_batches (id, owner, file_name, created_at, expires_at, report, progress, version) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id_text(batch.id))
        .bind(&batch.owner)
        .bind(batch.file_name.as_deref())
        .bind(micros(batch.created_at))
        .bind(micros(batch.expires_at))
        .bind(encoded(serde_json::to_string(&batch.report), "report")?)
        .bind(progress)
        .bind(version_column(batch.version)?)
        .execute(self.pool())
        .await
        .map_err(unavailable("create_batch"))?;
        Ok(())
    }

    #[tracing::instrument(name = "sqlite.import_batches.get", skip_all, fields(batch = %id))]
    async fn get(&self, id: Uuid) -> Result<ImportBatch, BatchStoreError> {
        let row = sqlx::query("SELECT * FROM import_batches WHERE id = ?")
            .bind(id_text(id))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_batch"))?;
        row.as_ref().map(batch_from_row).transpose()?.ok_or(BatchStoreError::NotFound(id))
    }

    #[tracing::instrument(name = "sqlite.import_batches.save_commit", skip_all, fields(batch = %id))]
    async fn save_commit(
        &self,
        id: Uuid,
        expected_version: u64,
        commit: &CommitProgress,
    ) -> Result<u64, BatchStoreError> {
        let updated: Option<i64> = sqlx::query_scalar(
            "UPDATE import_batches SET progress = ?, version = version + 1 WHERE id = ? AND version = ? \
             RETURNING version",
        )
        .bind(encoded(serde_json::to_string(commit), "progress")?)
        .bind(id_text(id))
        .bind(version_column(expected_version)?)
        .fetch_optional(self.pool())
        .await
        .map_err(unavailable("save_commit"))?;
        if let Some(version) = updated {
            return u64::try_from(version).map_err(|_| corrupt("version"));
        }
        // Nothing matched: a moved version or no batch at all.
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM import_batches WHERE id = ?")
            .bind(id_text(id))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("save_commit"))?;
        Err(if exists.is_some() { BatchStoreError::Conflict(id) } else { BatchStoreError::NotFound(id) })
    }

    #[tracing::instrument(name = "sqlite.import_batches.delete", skip_all, fields(batch = %id))]
    async fn delete(&self, id: Uuid) -> Result<(), BatchStoreError> {
        let done = sqlx::query("DELETE FROM import_batches WHERE id = ?")
            .bind(id_text(id))
            .execute(self.pool())
            .await
            .map_err(unavailable("delete_batch"))?;
        if done.rows_affected() == 0 { Err(BatchStoreError::NotFound(id)) } else { Ok(()) }
    }

    #[tracing::instrument(name = "sqlite.import_batches.purge_expired", skip_all)]
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BatchStoreError> {
        let done = sqlx::query("DELETE FROM import_batches WHERE expires_at <= ?")
            .bind(micros(now))
            .execute(self.pool())
            .await
            .map_err(unavailable("purge_batches"))?;
        Ok(done.rows_affected())
    }
}
