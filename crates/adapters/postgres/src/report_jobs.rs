//! The `ReportJobStore` port in PostgreSQL: the queue several gateways and workers on several
//! machines share. Claims take the row with `FOR UPDATE SKIP LOCKED`, so two concurrent claims
//! never return the same job and never wait on each other.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{JobArtifact, JobFilter, JobStatus, JobStoreError, ReportJob, ReportJobStore};
use sqlx::postgres::PgRow;
use sqlx::{Decode, PgPool, Postgres, Row, Type};

use crate::PostgresAlertStore;

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> JobStoreError {
    move |error| {
        tracing::warn!(operation, %error, "postgres report job store failed");
        JobStoreError::Unavailable(format!("postgres {operation}: {error}"))
    }
}

fn corrupt(column: &str) -> JobStoreError {
    tracing::error!(column, "corrupt row in report_jobs");
    JobStoreError::Unavailable(format!("corrupt row in report_jobs: bad {column}"))
}

fn col<'r, T>(row: &'r PgRow, name: &str) -> Result<T, JobStoreError>
where
    T: Decode<'r, Postgres> + Type<Postgres>,
{
    row.try_get(name).map_err(|_| corrupt(name))
}

fn job_from_row(row: &PgRow) -> Result<ReportJob, JobStoreError> {
    let artifact = match col::<Option<String>>(row, "artifact_key")? {
        Some(key) => Some(JobArtifact {
            key,
            file_name: col(row, "file_name")?,
            bytes: u64::try_from(col::<i64>(row, "bytes")?).map_err(|_| corrupt("bytes"))?,
            sha256: col(row, "sha256")?,
        }),
        None => None,
    };
    let format: String = col(row, "format")?;
    let status: String = col(row, "status")?;
    Ok(ReportJob {
        id: col(row, "id")?,
        owner: col(row, "owner")?,
        roles: col(row, "roles")?,
        kind: col(row, "kind")?,
        format: ReportFormat::parse(&format).ok_or_else(|| corrupt("format"))?,
        request: col(row, "request")?,
        status: JobStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
        progress: u8::try_from(col::<i16>(row, "progress")?).map_err(|_| corrupt("progress"))?,
        attempts: u32::try_from(col::<i32>(row, "attempts")?).map_err(|_| corrupt("attempts"))?,
        created_at: col(row, "created_at")?,
        started_at: col(row, "started_at")?,
        finished_at: col(row, "finished_at")?,
        run_after: col(row, "run_after")?,
        error: col(row, "error")?,
        artifact,
    })
}

async fn execute(
    pool: &PgPool,
    operation: &'static str,
    query: sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments>,
) -> Result<(), JobStoreError> {
    query.execute(pool).await.map_err(unavailable(operation))?;
    Ok(())
}

/// One filter for the page and the count; NULL parameters match everything.
const MATCHING: &str = "FROM report_jobs WHERE ($1::text IS NULL OR owner = $1) \
     AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)";

#[async_trait]
impl ReportJobStore for PostgresAlertStore {
    async fn insert(&self, job: &ReportJob) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "INSERT INTO report_jobs (id, owner, roles, kind, format, request, status, progress, attempts, \
             created_at, run_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(job.id)
        .bind(&job.owner)
        .bind(&job.roles)
        .bind(&job.kind)
        .bind(job.format.as_str())
        .bind(&job.request)
        .bind(job.status.as_str())
        .bind(i16::from(job.progress))
        .bind(i32::try_from(job.attempts).unwrap_or(i32::MAX))
        .bind(job.created_at)
        .bind(job.run_after);
        execute(self.pool(), "insert_job", query).await
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportJob>, JobStoreError> {
        let row = sqlx::query("SELECT * FROM report_jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_job"))?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn list(&self, filter: &JobFilter) -> Result<(Vec<ReportJob>, u64), JobStoreError> {
        let page = format!("SELECT * {MATCHING} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5");
        let rows = sqlx::query(sqlx::AssertSqlSafe(page))
            .bind(filter.owner.as_deref())
            .bind(filter.status.map(JobStatus::as_str))
            .bind(filter.kind.as_deref())
            .bind(i64::from(filter.limit))
            .bind(i64::from(filter.offset))
            .fetch_all(self.pool())
            .await
            .map_err(unavailable("list_jobs"))?;
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {MATCHING}")))
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
        // One statement: the sub-select locks the chosen row and skips rows other claims hold.
        let row = sqlx::query(
            "UPDATE report_jobs SET status = 'generating', attempts = attempts + 1, progress = 0, \
             started_at = $1, leased_until = $2 \
             WHERE id = (SELECT id FROM report_jobs \
                 WHERE (status = 'queued' AND run_after <= $1) \
                    OR (status = 'generating' AND (leased_until IS NULL OR leased_until <= $1)) \
                 ORDER BY run_after, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING *",
        )
        .bind(now)
        .bind(lease_until)
        .fetch_optional(self.pool())
        .await
        .map_err(unavailable("claim_job"))?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn progress(&self, id: Uuid, percent: u8) -> Result<(), JobStoreError> {
        let query = sqlx::query("UPDATE report_jobs SET progress = $1 WHERE id = $2")
            .bind(i16::from(percent.min(100)))
            .bind(id);
        execute(self.pool(), "job_progress", query).await
    }

    async fn complete(&self, id: Uuid, artifact: &JobArtifact, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'completed', progress = 100, finished_at = $1, leased_until = NULL, \
             error = NULL, artifact_key = $2, file_name = $3, bytes = $4, sha256 = $5 WHERE id = $6",
        )
        .bind(at)
        .bind(&artifact.key)
        .bind(&artifact.file_name)
        .bind(i64::try_from(artifact.bytes).unwrap_or(i64::MAX))
        .bind(&artifact.sha256)
        .bind(id);
        execute(self.pool(), "complete_job", query).await
    }

    async fn retry(&self, id: Uuid, error: &str, run_after: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'queued', progress = 0, run_after = $1, leased_until = NULL, \
             error = $2 WHERE id = $3",
        )
        .bind(run_after)
        .bind(error)
        .bind(id);
        execute(self.pool(), "retry_job", query).await
    }

    async fn fail(&self, id: Uuid, error: &str, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        let query = sqlx::query(
            "UPDATE report_jobs SET status = 'failed', finished_at = $1, leased_until = NULL, error = $2 \
             WHERE id = $3",
        )
        .bind(at)
        .bind(error)
        .bind(id);
        execute(self.pool(), "fail_job", query).await
    }

    async fn delete(&self, id: Uuid) -> Result<bool, JobStoreError> {
        let done = sqlx::query("DELETE FROM report_jobs WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await
            .map_err(unavailable("delete_job"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn finished_before(&self, before: DateTime<Utc>) -> Result<Vec<ReportJob>, JobStoreError> {
        let rows = sqlx::query("SELECT * FROM report_jobs WHERE finished_at IS NOT NULL AND finished_at < $1")
            .bind(before)
            .fetch_all(self.pool())
            .await
            .map_err(unavailable("finished_jobs"))?;
        rows.iter().map(job_from_row).collect()
    }
}
