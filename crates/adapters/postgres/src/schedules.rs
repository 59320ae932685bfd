//! The `ScheduleStore` port in PostgreSQL: a tick is claimed by an `INSERT … ON CONFLICT DO
//! NOTHING` on its primary key, so of several workers on several machines exactly one sees its
//! insert take effect; a mail is leased by one conditional `UPDATE`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{MailStatus, ReportSchedule, ScheduleStore, ScheduleStoreError, TickJob, TickRecord};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::PostgresAlertStore;

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> ScheduleStoreError {
    move |error| {
        tracing::warn!(operation, %error, "postgres schedule store failed");
        ScheduleStoreError::Unavailable(format!("postgres {operation}: {error}"))
    }
}

fn corrupt(column: &str) -> ScheduleStoreError {
    ScheduleStoreError::Unavailable(format!("corrupt row in the schedule store: bad {column}"))
}

fn get<'r, T>(row: &'r PgRow, column: &str) -> Result<T, ScheduleStoreError>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column).map_err(|_| corrupt(column))
}

fn schedule_from_row(row: &PgRow) -> Result<ReportSchedule, ScheduleStoreError> {
    Ok(ReportSchedule {
        id: get(row, "id")?,
        owner: get(row, "owner")?,
        roles: get(row, "roles")?,
        name: get(row, "name")?,
        cron: get(row, "cron")?,
        timezone: get(row, "timezone")?,
        kind: get(row, "kind")?,
        format: ReportFormat::parse(&get::<String>(row, "format")?).ok_or_else(|| corrupt("format"))?,
        period: get(row, "period")?,
        include_forecast: get(row, "include_forecast")?,
        recipients: get(row, "recipients")?,
        enabled: get(row, "enabled")?,
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
        active_since: get(row, "active_since")?,
    })
}

fn tick_from_row(row: &PgRow) -> Result<TickRecord, ScheduleStoreError> {
    let job = match get::<Option<Uuid>>(row, "job_id")? {
        Some(job_id) => Some(TickJob {
            job_id,
            owner: get::<Option<String>>(row, "owner")?.unwrap_or_default(),
            kind: get::<Option<String>>(row, "kind")?.unwrap_or_default(),
            format: ReportFormat::parse(&get::<Option<String>>(row, "format")?.unwrap_or_default())
                .ok_or_else(|| corrupt("format"))?,
            mail_to: get::<Option<Vec<String>>>(row, "mail_to")?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(TickRecord {
        task: get(row, "task")?,
        tick_at: get(row, "tick_at")?,
        claimed_at: get(row, "claimed_at")?,
        job,
        mail_status: MailStatus::parse(&get::<String>(row, "mail_status")?).ok_or_else(|| corrupt("mail_status"))?,
        mail_attempts: u32::try_from(get::<i32>(row, "mail_attempts")?).map_err(|_| corrupt("mail_attempts"))?,
        mail_error: get(row, "mail_error")?,
    })
}

type PgQuery<'q> = sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>;

/// Binds every column of a schedule as `$1` … `$15`.
fn bind_schedule<'q>(query: PgQuery<'q>, s: &'q ReportSchedule) -> PgQuery<'q> {
    query
        .bind(s.id)
        .bind(&s.owner)
        .bind(&s.roles)
        .bind(&s.name)
        .bind(&s.cron)
        .bind(&s.timezone)
        .bind(&s.kind)
        .bind(s.format.as_str())
        .bind(&s.period)
        .bind(s.include_forecast)
        .bind(&s.recipients)
        .bind(s.enabled)
        .bind(s.created_at)
        .bind(s.updated_at)
        .bind(s.active_since)
}

#[async_trait]
impl ScheduleStore for PostgresAlertStore {
    async fn insert(&self, schedule: &ReportSchedule) -> Result<(), ScheduleStoreError> {
        let query = sqlx::query(
            "INSERT INTO report_schedules (id, owner, roles, name, cron, timezone, kind, format, period, \
             include_forecast, recipients, enabled, created_at, updated_at, active_since) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        );
        bind_schedule(query, schedule).execute(self.pool()).await.map_err(unavailable("insert_schedule"))?;
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportSchedule>, ScheduleStoreError> {
        let row = sqlx::query("SELECT * FROM report_schedules WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_schedule"))?;
        row.as_ref().map(schedule_from_row).transpose()
    }

    async fn list<'a>(&self, owner: Option<&'a str>) -> Result<Vec<ReportSchedule>, ScheduleStoreError> {
        let rows =
            sqlx::query("SELECT * FROM report_schedules WHERE $1::text IS NULL OR owner = $1 ORDER BY created_at, id")
                .bind(owner)
                .fetch_all(self.pool())
                .await
                .map_err(unavailable("list_schedules"))?;
        rows.iter().map(schedule_from_row).collect()
    }

    async fn update(&self, schedule: &ReportSchedule) -> Result<bool, ScheduleStoreError> {
        let query = sqlx::query(
            "UPDATE report_schedules SET owner = $2, roles = $3, name = $4, cron = $5, timezone = $6, kind = $7, \
             format = $8, period = $9, include_forecast = $10, recipients = $11, enabled = $12, created_at = $13, \
             updated_at = $14, active_since = $15 WHERE id = $1",
        );
        let done = bind_schedule(query, schedule).execute(self.pool()).await.map_err(unavailable("update_schedule"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete(&self, id: Uuid) -> Result<bool, ScheduleStoreError> {
        let done = sqlx::query("DELETE FROM report_schedules WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await
            .map_err(unavailable("delete_schedule"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn claim_tick(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        claimed_at: DateTime<Utc>,
    ) -> Result<bool, ScheduleStoreError> {
        let done = sqlx::query(
            "INSERT INTO schedule_ticks (task, tick_at, claimed_at, mail_status, mail_attempts) \
             VALUES ($1, $2, $3, 'none', 0) ON CONFLICT (task, tick_at) DO NOTHING",
        )
        .bind(task)
        .bind(tick_at)
        .bind(claimed_at)
        .execute(self.pool())
        .await
        .map_err(unavailable("claim_tick"))?;
        Ok(done.rows_affected() == 1)
    }

    async fn release_tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<(), ScheduleStoreError> {
        sqlx::query("DELETE FROM schedule_ticks WHERE task = $1 AND tick_at = $2")
            .bind(task)
            .bind(tick_at)
            .execute(self.pool())
            .await
            .map_err(unavailable("release_tick"))?;
        Ok(())
    }

    async fn last_tick(&self, task: &str) -> Result<Option<DateTime<Utc>>, ScheduleStoreError> {
        sqlx::query_scalar("SELECT MAX(tick_at) FROM schedule_ticks WHERE task = $1")
            .bind(task)
            .fetch_one(self.pool())
            .await
            .map_err(unavailable("last_tick"))
    }

    async fn attach_job(&self, task: &str, tick_at: DateTime<Utc>, job: &TickJob) -> Result<(), ScheduleStoreError> {
        let status = if job.mail_to.is_empty() { MailStatus::None } else { MailStatus::Pending };
        sqlx::query(
            "UPDATE schedule_ticks SET job_id = $1, owner = $2, kind = $3, format = $4, mail_to = $5, \
             mail_status = $6 WHERE task = $7 AND tick_at = $8",
        )
        .bind(job.job_id)
        .bind(&job.owner)
        .bind(&job.kind)
        .bind(job.format.as_str())
        .bind(&job.mail_to)
        .bind(status.as_str())
        .bind(task)
        .bind(tick_at)
        .execute(self.pool())
        .await
        .map_err(unavailable("attach_job"))?;
        Ok(())
    }

    async fn pending_mail(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<TickRecord>, ScheduleStoreError> {
        let rows = sqlx::query(
            "SELECT * FROM schedule_ticks WHERE mail_status = 'pending' \
             AND (mail_lease_until IS NULL OR mail_lease_until <= $1) ORDER BY tick_at, task LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await
        .map_err(unavailable("pending_mail"))?;
        rows.iter().map(tick_from_row).collect()
    }

    async fn claim_mail(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<Option<u32>, ScheduleStoreError> {
        // One statement: the row lock makes a concurrent claim re-check the condition and miss.
        let attempts: Option<i32> = sqlx::query_scalar(
            "UPDATE schedule_ticks SET mail_lease_until = $1, mail_attempts = mail_attempts + 1 \
             WHERE task = $2 AND tick_at = $3 AND mail_status = 'pending' \
             AND (mail_lease_until IS NULL OR mail_lease_until <= $4) RETURNING mail_attempts",
        )
        .bind(lease_until)
        .bind(task)
        .bind(tick_at)
        .bind(now)
        .fetch_optional(self.pool())
        .await
        .map_err(unavailable("claim_mail"))?;
        attempts.map(|a| u32::try_from(a).map_err(|_| corrupt("mail_attempts"))).transpose()
    }

    async fn finish_mail<'a>(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        status: MailStatus,
        error: Option<&'a str>,
    ) -> Result<(), ScheduleStoreError> {
        sqlx::query("UPDATE schedule_ticks SET mail_status = $1, mail_error = $2 WHERE task = $3 AND tick_at = $4")
            .bind(status.as_str())
            .bind(error)
            .bind(task)
            .bind(tick_at)
            .execute(self.pool())
            .await
            .map_err(unavailable("finish_mail"))?;
        Ok(())
    }

    async fn recent_jobs<'a>(
        &self,
        owner: Option<&'a str>,
        kind: &str,
        format: ReportFormat,
        limit: u32,
    ) -> Result<Vec<Uuid>, ScheduleStoreError> {
        sqlx::query_scalar(
            "SELECT job_id FROM schedule_ticks WHERE job_id IS NOT NULL AND kind = $1 AND format = $2 \
             AND ($3::text IS NULL OR owner = $3) ORDER BY tick_at DESC, task DESC LIMIT $4",
        )
        .bind(kind)
        .bind(format.as_str())
        .bind(owner)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await
        .map_err(unavailable("recent_jobs"))
    }

    async fn tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<Option<TickRecord>, ScheduleStoreError> {
        let row = sqlx::query("SELECT * FROM schedule_ticks WHERE task = $1 AND tick_at = $2")
            .bind(task)
            .bind(tick_at)
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_tick"))?;
        row.as_ref().map(tick_from_row).transpose()
    }
}
