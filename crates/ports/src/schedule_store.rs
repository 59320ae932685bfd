//! `ScheduleStore`: report schedules, and the claims that make each scheduler tick run once.
//!
//! A *task* is anything the scheduler fires: `schedule:<id>` for a report schedule, or the name
//! of a built-in job (`anomaly_check`, `crm_daily`). A tick of a task is claimed by inserting
//! `(task, tick_at)` under a unique key: however many workers see the tick, one insert wins, and
//! only its worker runs the tick.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;

/// A report produced on a timetable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSchedule {
    pub id: Uuid,
    /// The subject of the user who created it; the reports are theirs.
    pub owner: String,
    /// Their roles when they created it (the reports are computed with them).
    pub roles: Vec<String>,
    pub name: String,
    /// A 5-field cron expression (minute hour day-of-month month day-of-week).
    pub cron: String,
    /// IANA zone the expression is read in.
    pub timezone: String,
    /// `sales`, `stock` or `combined`.
    pub kind: String,
    pub format: ReportFormat,
    /// `daily`, `weekly`, `monthly` or `quarterly`.
    pub period: String,
    pub include_forecast: bool,
    /// Who gets the file by e-mail (may be empty).
    pub recipients: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Ticks at or before this instant never run: the creation, or the last change of the
    /// timetable or of `enabled` (a schedule does not catch up on ticks from before it existed).
    pub active_since: DateTime<Utc>,
}

/// Whether a tick's report is still to be e-mailed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailStatus {
    /// Nothing to send (no recipients, or not a report).
    None,
    Pending,
    Sent,
    Failed,
}

impl MailStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::None, Self::Pending, Self::Sent, Self::Failed].into_iter().find(|s| s.as_str() == raw)
    }
}

/// The report job a claimed tick submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TickJob {
    pub job_id: Uuid,
    pub owner: String,
    pub kind: String,
    pub format: ReportFormat,
    /// E-mailed to these once completed (empty: no mail).
    pub mail_to: Vec<String>,
}

/// One claimed tick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TickRecord {
    pub task: String,
    pub tick_at: DateTime<Utc>,
    pub claimed_at: DateTime<Utc>,
    pub job: Option<TickJob>,
    pub mail_status: MailStatus,
    pub mail_attempts: u32,
    pub mail_error: Option<String>,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleStoreError {
    #[error("schedule store unavailable: {0}")]
    Unavailable(String),
}

/// Report schedules and tick claims. (The named lifetimes on `Option<&str>` are for mockall.)
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ScheduleStore: Send + Sync {
    /// Stores a new schedule.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn insert(&self, schedule: &ReportSchedule) -> Result<(), ScheduleStoreError>;

    /// The schedule, if it exists.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn get(&self, id: Uuid) -> Result<Option<ReportSchedule>, ScheduleStoreError>;

    /// Schedules of `owner` (every schedule for `None`), oldest first.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list<'a>(&self, owner: Option<&'a str>) -> Result<Vec<ReportSchedule>, ScheduleStoreError>;

    /// Replaces the stored schedule with the same id; `false` when there is none.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn update(&self, schedule: &ReportSchedule) -> Result<bool, ScheduleStoreError>;

    /// Removes the schedule (its claimed ticks stay, for `latest`); `false` when there was none.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn delete(&self, id: Uuid) -> Result<bool, ScheduleStoreError>;

    /// Claims `(task, tick_at)`: `true` for exactly one caller however many race, `false` when
    /// the tick was already claimed (by anyone, ever).
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn claim_tick(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        claimed_at: DateTime<Utc>,
    ) -> Result<bool, ScheduleStoreError>;

    /// Undoes a claim whose work could not even start (the job could not be queued), so that a
    /// later pass claims the tick again.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn release_tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<(), ScheduleStoreError>;

    /// The latest claimed tick of `task`, if any.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn last_tick(&self, task: &str) -> Result<Option<DateTime<Utc>>, ScheduleStoreError>;

    /// Records the job a claimed tick submitted; the mail is `Pending` when `job.mail_to` is not
    /// empty, else `None`.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn attach_job(&self, task: &str, tick_at: DateTime<Utc>, job: &TickJob) -> Result<(), ScheduleStoreError>;

    /// Ticks whose mail is `Pending` and not leased at `now`, oldest first, at most `limit`.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn pending_mail(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<TickRecord>, ScheduleStoreError>;

    /// Leases a pending mail until `lease_until` and counts one more attempt; `None` when it is
    /// no longer pending or another worker holds a lease at `now`. Two concurrent claims never
    /// both succeed.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn claim_mail(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<Option<u32>, ScheduleStoreError>;

    /// Ends a mail: `Sent` or `Failed` (with why); `Pending` keeps it for a later attempt after
    /// its lease, with the error of this one.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn finish_mail<'a>(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        status: MailStatus,
        error: Option<&'a str>,
    ) -> Result<(), ScheduleStoreError>;

    /// Jobs submitted by ticks for `kind` and `format` (of `owner`, or anyone's for `None`),
    /// newest tick first, at most `limit`.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn recent_jobs<'a>(
        &self,
        owner: Option<&'a str>,
        kind: &str,
        format: ReportFormat,
        limit: u32,
    ) -> Result<Vec<Uuid>, ScheduleStoreError>;

    /// The tick, if claimed (tests and diagnostics).
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<Option<TickRecord>, ScheduleStoreError>;
}
