//! The `ReportJobStore` port over the same SQLite file as the alerts: jobs survive a restart,
//! and claims hold SQLite's write lock from the first read, so two workers (threads or
//! processes on this host) never claim the same job.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{JobArtifact, JobFilter, JobStatus, JobStoreError, ReportJob, ReportJobStore};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use crate::SqliteAlertStore;
use crate::codec::{id_text, micros};

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> JobStoreError {
    move |error| {
        tracing::warn!(operation, %error, "sqlite report job store failed");
        JobStoreError::Unavailable(format!("sqlite {operation}: {error}"))
    }
}

fn corrupt(column: &str) -> JobStoreError {
    tracing::error!(column, "corrupt row in report_jobs");
    JobStoreError::Unavailable(format!("corrupt row in report_jobs: bad {column}"))
}

fn instant(row: &SqliteRow, column: &str) -> Result<Option<DateTime<Utc>>, JobStoreError> {
    let raw: Option<i64> = row.try_get(column).map_err(|_| corrupt(column))?;
    raw.map(|m| DateTime::from_timestamp_micros(m).ok_or_else(|| corrupt(column))).transpose()
}

fn job_from_row(row: &SqliteRow) -> Result<ReportJob, JobStoreError> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(|_| corrupt(c));
    let int = |c: &str| row.try_get::<i64, _>(c).map_err(|_| corrupt(c));
    let artifact = match row.try_get::<Option<String>, _>("artifact_key").map_err(|_| corrupt("artifact_key"))? {
        Some(key) => Some(JobArtifact {
            key,
            file_name: text("file_name")?,
            bytes: u64::try_from(int("bytes")?).map_err(|_| corrupt("bytes"))?,
            sha256: text("sha256")?,
        }),
        None => None,
    };
    let roles = text("roles")?;
    Ok(ReportJob {
        id: Uuid::parse_str(&text("id")?).map_err(|_| corrupt("id"))?,
        owner: text("owner")?,
        roles: roles.split(',').filter(|r| !r.is_empty()).map(str::to_owned).collect(),
        kind: text("kind")?,
        format: ReportFormat::parse(&text("format")?).ok_or_else(|| corrupt("format"))?,
        request: text("request")?,
        status: JobStatus::parse(&text("status")?).ok_or_else(|| corrupt("status"))?,
        progress: u8::try_from(int("progress")?).map_err(|_| corrupt("progress"))?,
        attempts: u32::try_from(int("attempts")?).map_err(|_| corrupt("attempts"))?,
        created_at: instant(row, "created_at")?.ok_or_else(|| corrupt("created_at"))?,
        started_at: instant(row, "started_at")?,
        finished_at: instant(row, "finished_at")?,
        run_after: instant(row, "run_after")?.ok_or_else(|| corrupt("run_after"))?,
        error: row.try_get("error").map_err(|_| corrupt("error"))?,
        artifact,
    })
}

async fn execute(
    pool: &SqlitePool,
    operation: &'static str,
    query: sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
) -> Result<(), JobStoreError> {
    query.execute(pool).await.map_err(unavailable(operation))?;
    Ok(())
}

#[async_trait]
impl ReportJobStore for SqliteAlertStore {
    async fn insert(&self, job: &ReportJob) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "INSERT INTO report_jobs (id, owner, roles, kind, format, request, status, progress, attempts, \
             created_at, run_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id_text(job.id))
        .bind(&job.owner)
        .bind(job.roles.join(","))
        .bind(&job.kind)
        .bind(job.format.as_str())
        .bind(&job.request)
        .bind(job.status.as_str())
        .bind(i64::from(job.progress))
        .bind(i64::from(job.attempts))
        .bind(micros(job.created_at))
        .bind(micros(job.run_after));
        execute(self.pool(), "insert_job", query).await
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportJob>, JobStoreError> {
        let row = sqlx::query("SELECT * FROM report_jobs WHERE id = ?")
            .bind(id_text(id))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_job"))?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn list(&self, filter: &JobFilter) -> Result<(Vec<ReportJob>, u64), JobStoreError> {
        // One filter for the page and the count; NULL parameters match everything.
        macro_rules! matching {
            () => {
                "FROM report_jobs WHERE (?1 IS NULL OR owner = ?1) AND (?2 IS NULL OR status = ?2) \
                 AND (?3 IS NULL OR kind = ?3)"
            };
        }
        let rows =
            sqlx::query(concat!("SELECT * ", matching!(), " ORDER BY created_at DESC, id DESC LIMIT ?4 OFFSET ?5"))
                .bind(filter.owner.as_deref())
                .bind(filter.status.map(JobStatus::as_str))
                .bind(filter.kind.as_deref())
                .bind(i64::from(filter.limit))
                .bind(i64::from(filter.offset))
                .fetch_all(self.pool())
                .await
                .map_err(unavailable("list_jobs"))?;
        let total: i64 = sqlx::query_scalar(concat!("SELECT COUNT(*) ", matching!()))
            .bind(filter.owner.as_deref())
            .bind(filter.status.map(JobStatus::as_str))
            .bind(filter.kind.as_deref())
            .fetch_one(self.pool())
            .await
            .map_err(unavailable("count_jobs"))?;
        let jobs = rows.iter().map(job_from_row).collect::<Result<Vec<_>, _>>()?;
        Ok((jobs, u64::try_from(total).unwrap_or(0)))
    }

    async fn claim(&self, now: DateTime<Utc>, lease_until: DateTime<Utc>) -> Result<Option<ReportJob>, JobStoreError> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await.map_err(unavailable("claim_job"))?;
        let id: Option<String> = sqlx::query_scalar(
            "SELECT id FROM report_jobs WHERE (status = 'queued' AND run_after <= ?1) \
             OR (status = 'generating' AND (leased_until IS NULL OR leased_until <= ?1)) \
             ORDER BY run_after, created_at, id LIMIT 1",
        )
        .bind(micros(now))
        .fetch_optional(&mut *tx)
        .await
        .map_err(unavailable("claim_job"))?;
        let Some(id) = id else { return Ok(None) };
        let row = sqlx::query(
            "UPDATE report_jobs SET status = 'generating', attempts = attempts + 1, progress = 0, started_at = ?, \
             leased_until = ? WHERE id = ? RETURNING *",
        )
        .bind(micros(now))
        .bind(micros(lease_until))
        .bind(&id)
        .fetch_one(&mut *tx)
        .await
        .map_err(unavailable("claim_job"))?;
        tx.commit().await.map_err(unavailable("claim_job"))?;
        job_from_row(&row).map(Some)
    }

    async fn progress(&self, id: Uuid, percent: u8) -> Result<(), JobStoreError> {
        let query = sqlx::query("UPDATE report_jobs SET progress = ? WHERE id = ?")
            .bind(i64::from(percent.min(100)))
            .bind(id_text(id));
        execute(self.pool(), "job_progress", query).await
    }

    async fn complete(&self, id: Uuid, artifact: &JobArtifact, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'completed', progress = 100, finished_at = ?, leased_until = NULL, \
             error = NULL, artifact_key = ?, file_name = ?, bytes = ?, sha256 = ? WHERE id = ?",
        )
        .bind(micros(at))
        .bind(&artifact.key)
        .bind(&artifact.file_name)
        .bind(i64::try_from(artifact.bytes).unwrap_or(i64::MAX))
        .bind(&artifact.sha256)
        .bind(id_text(id));
        execute(self.pool(), "complete_job", query).await
    }

    async fn retry(&self, id: Uuid, error: &str, run_after: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'queued', progress = 0, run_after = ?, leased_until = NULL, error = ? \
             WHERE id = ?",
        )
        .bind(micros(run_after))
        .bind(error)
        .bind(id_text(id));
        execute(self.pool(), "retry_job", query).await
    }

    async fn fail(&self, id: Uuid, error: &str, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'failed', finished_at = ?, leased_until = NULL, error = ? WHERE id = ?",
        )
        .bind(micros(at))
        .bind(error)
        .bind(id_text(id));
        execute(self.pool(), "fail_job", query).await
    }

    async fn delete(&self, id: Uuid) -> Result<bool, JobStoreError> {
        let done = sqlx::query("DELETE FROM report_jobs WHERE id = ?")
            .bind(id_text(id))
            .execute(self.pool())
            .await
            .map_err(unavailable("delete_job"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn finished_before(&self, before: DateTime<Utc>) -> Result<Vec<ReportJob>, JobStoreError> {
        let rows = sqlx::query("SELECT * FROM report_jobs WHERE finished_at IS NOT NULL AND finished_at < ?")
            .bind(micros(before))
            .fetch_all(self.pool())
            .await
            .map_err(unavailable("finished_jobs"))?;
        rows.iter().map(job_from_row).collect()
    }
}
