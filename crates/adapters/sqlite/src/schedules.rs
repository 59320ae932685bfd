//! The `ScheduleStore` port over the same SQLite file: schedules survive a restart, and a tick
//! is claimed by an `INSERT … ON CONFLICT DO NOTHING` on its primary key, so of several workers
//! (threads or processes sharing the file) exactly one sees its insert take effect.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{MailStatus, ReportSchedule, ScheduleStore, ScheduleStoreError, TickJob, TickRecord};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::SqliteAlertStore;
use crate::codec::{id_text, micros};

fn unavailable(operation: &'static str) -> impl FnOnce(sqlx::Error) -> ScheduleStoreError {
    move |error| {
        tracing::warn!(operation, %error, "sqlite schedule store failed");
        ScheduleStoreError::Unavailable(format!("sqlite {operation}: {error}"))
    }
}

fn corrupt(column: &str) -> ScheduleStoreError {
    ScheduleStoreError::Unavailable(format!("corrupt row in the schedule store: bad {column}"))
}

fn instant(row: &SqliteRow, column: &str) -> Result<DateTime<Utc>, ScheduleStoreError> {
    let raw: i64 = row.try_get(column).map_err(|_| corrupt(column))?;
    DateTime::from_timestamp_micros(raw).ok_or_else(|| corrupt(column))
}

fn list_of(raw: &str) -> Vec<String> {
    raw.split(',').filter(|r| !r.is_empty()).map(str::to_owned).collect()
}

fn schedule_from_row(row: &SqliteRow) -> Result<ReportSchedule, ScheduleStoreError> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(|_| corrupt(c));
    let flag = |c: &str| row.try_get::<i64, _>(c).map(|v| v != 0).map_err(|_| corrupt(c));
    Ok(ReportSchedule {
        id: Uuid::parse_str(&text("id")?).map_err(|_| corrupt("id"))?,
        owner: text("owner")?,
        roles: list_of(&text("roles")?),
        name: text("name")?,
        cron: text("cron")?,
        timezone: text("timezone")?,
        kind: text("kind")?,
        format: ReportFormat::parse(&text("format")?).ok_or_else(|| corrupt("format"))?,
        period: text("period")?,
        include_forecast: flag("include_forecast")?,
        recipients: list_of(&text("recipients")?),
        enabled: flag("enabled")?,
        created_at: instant(row, "created_at")?,
        updated_at: instant(row, "updated_at")?,
        active_since: instant(row, "active_since")?,
    })
}

fn tick_from_row(row: &SqliteRow) -> Result<TickRecord, ScheduleStoreError> {
    let opt = |c: &str| row.try_get::<Option<String>, _>(c).map_err(|_| corrupt(c));
    let job = match opt("job_id")? {
        Some(id) => Some(TickJob {
            job_id: Uuid::parse_str(&id).map_err(|_| corrupt("job_id"))?,
            owner: opt("owner")?.unwrap_or_default(),
            kind: opt("kind")?.unwrap_or_default(),
            format: ReportFormat::parse(&opt("format")?.unwrap_or_default()).ok_or_else(|| corrupt("format"))?,
            mail_to: list_of(&opt("mail_to")?.unwrap_or_default()),
        }),
        None => None,
    };
    let status: String = row.try_get("mail_status").map_err(|_| corrupt("mail_status"))?;
    let attempts: i64 = row.try_get("mail_attempts").map_err(|_| corrupt("mail_attempts"))?;
    Ok(TickRecord {
        task: row.try_get("task").map_err(|_| corrupt("task"))?,
        tick_at: instant(row, "tick_at")?,
        claimed_at: instant(row, "claimed_at")?,
        job,
        mail_status: MailStatus::parse(&status).ok_or_else(|| corrupt("mail_status"))?,
        mail_attempts: u32::try_from(attempts).map_err(|_| corrupt("mail_attempts"))?,
        mail_error: opt("mail_error")?,
    })
}

/// Binds every column of a schedule, in the order of [`COLUMNS`].
fn bind_schedule<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    s: &'q ReportSchedule,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments> {
    query
        .bind(id_text(s.id))
        .bind(&s.owner)
        .bind(s.roles.join(","))
        .bind(&s.name)
        .bind(&s.cron)
        .bind(&s.timezone)
        .bind(&s.kind)
        .bind(s.format.as_str())
        .bind(&s.period)
        .bind(i64::from(s.include_forecast))
        .bind(s.recipients.join(","))
        .bind(i64::from(s.enabled))
        .bind(micros(s.created_at))
        .bind(micros(s.updated_at))
        .bind(micros(s.active_since))
}

#[async_trait]
impl ScheduleStore for SqliteAlertStore {
    async fn insert(&self, schedule: &ReportSchedule) -> Result<(), ScheduleStoreError> {
        let query = sqlx::query(
            "INSERT INTO report_schedules (id, owner, roles, name, cron, timezone, kind, format, period, \
             include_forecast, recipients, enabled, created_at, updated_at, active_since) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        );
        bind_schedule(query, schedule).execute(self.pool()).await.map_err(unavailable("insert_schedule"))?;
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportSchedule>, ScheduleStoreError> {
        let row = sqlx::query("SELECT * FROM report_schedules WHERE id = ?")
            .bind(id_text(id))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_schedule"))?;
        row.as_ref().map(schedule_from_row).transpose()
    }

    async fn list<'a>(&self, owner: Option<&'a str>) -> Result<Vec<ReportSchedule>, ScheduleStoreError> {
        let rows = sqlx::query("SELECT * FROM report_schedules WHERE ?1 IS NULL OR owner = ?1 ORDER BY created_at, id")
            .bind(owner)
            .fetch_all(self.pool())
            .await
            .map_err(unavailable("list_schedules"))?;
        rows.iter().map(schedule_from_row).collect()
    }

    async fn update(&self, schedule: &ReportSchedule) -> Result<bool, ScheduleStoreError> {
        // Same column order as the insert; the id is bound first and matched by `?1`.
        let query = sqlx::query(
            "UPDATE report_schedules SET owner = ?2, roles = ?3, name = ?4, cron = ?5, timezone = ?6, kind = ?7, \
             format = ?8, period = ?9, include_forecast = ?10, recipients = ?11, enabled = ?12, created_at = ?13, \
             updated_at = ?14, active_since = ?15 WHERE id = ?1",
        );
        let done = bind_schedule(query, schedule).execute(self.pool()).await.map_err(unavailable("update_schedule"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete(&self, id: Uuid) -> Result<bool, ScheduleStoreError> {
        let done = sqlx::query("DELETE FROM report_schedules WHERE id = ?")
            .bind(id_text(id))
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
             VALUES (?, ?, ?, 'none', 0) ON CONFLICT (task, tick_at) DO NOTHING",
        )
        .bind(task)
        .bind(micros(tick_at))
        .bind(micros(claimed_at))
        .execute(self.pool())
        .await
        .map_err(unavailable("claim_tick"))?;
        Ok(done.rows_affected() == 1)
    }

    async fn release_tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<(), ScheduleStoreError> {
        sqlx::query("DELETE FROM schedule_ticks WHERE task = ? AND tick_at = ?")
            .bind(task)
            .bind(micros(tick_at))
            .execute(self.pool())
            .await
            .map_err(unavailable("release_tick"))?;
        Ok(())
    }

    async fn last_tick(&self, task: &str) -> Result<Option<DateTime<Utc>>, ScheduleStoreError> {
        let raw: Option<i64> = sqlx::query_scalar("SELECT MAX(tick_at) FROM schedule_ticks WHERE task = ?")
            .bind(task)
            .fetch_one(self.pool())
            .await
            .map_err(unavailable("last_tick"))?;
        raw.map(|m| DateTime::from_timestamp_micros(m).ok_or_else(|| corrupt("tick_at"))).transpose()
    }

    async fn attach_job(&self, task: &str, tick_at: DateTime<Utc>, job: &TickJob) -> Result<(), ScheduleStoreError> {
        let status = if job.mail_to.is_empty() { MailStatus::None } else { MailStatus::Pending };
        sqlx::query(
            "UPDATE schedule_ticks SET job_id = ?, owner = ?, kind = ?, format = ?, mail_to = ?, mail_status = ? \
             WHERE task = ? AND tick_at = ?",
        )
        .bind(id_text(job.job_id))
        .bind(&job.owner)
        .bind(&job.kind)
        .bind(job.format.as_str())
        .bind(job.mail_to.join(","))
        .bind(status.as_str())
        .bind(task)
        .bind(micros(tick_at))
        .execute(self.pool())
        .await
        .map_err(unavailable("attach_job"))?;
        Ok(())
    }

    async fn pending_mail(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<TickRecord>, ScheduleStoreError> {
        let rows = sqlx::query(
            "SELECT * FROM schedule_ticks WHERE mail_status = 'pending' \
             AND (mail_lease_until IS NULL OR mail_lease_until <= ?) ORDER BY tick_at, task LIMIT ?",
        )
        .bind(micros(now))
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
        // One statement: the condition and the lease are checked and set under the write lock.
        let attempts: Option<i64> = sqlx::query_scalar(
            "UPDATE schedule_ticks SET mail_lease_until = ?, mail_attempts = mail_attempts + 1 \
             WHERE task = ? AND tick_at = ? AND mail_status = 'pending' \
             AND (mail_lease_until IS NULL OR mail_lease_until <= ?) RETURNING mail_attempts",
        )
        .bind(micros(lease_until))
        .bind(task)
        .bind(micros(tick_at))
        .bind(micros(now))
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
        sqlx::query("UPDATE schedule_ticks SET mail_status = ?, mail_error = ? WHERE task = ? AND tick_at = ?")
            .bind(status.as_str())
            .bind(error)
            .bind(task)
            .bind(micros(tick_at))
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
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT job_id FROM schedule_ticks WHERE job_id IS NOT NULL AND kind = ?1 AND format = ?2 \
             AND (?3 IS NULL OR owner = ?3) ORDER BY tick_at DESC, task DESC LIMIT ?4",
        )
        .bind(kind)
        .bind(format.as_str())
        .bind(owner)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await
        .map_err(unavailable("recent_jobs"))?;
        ids.iter().map(|id| Uuid::parse_str(id).map_err(|_| corrupt("job_id"))).collect()
    }

    async fn tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<Option<TickRecord>, ScheduleStoreError> {
        let row = sqlx::query("SELECT * FROM schedule_ticks WHERE task = ? AND tick_at = ?")
            .bind(task)
            .bind(micros(tick_at))
            .fetch_optional(self.pool())
            .await
            .map_err(unavailable("get_tick"))?;
        row.as_ref().map(tick_from_row).transpose()
    }
}
