//! Report schedules (issue 5): their CRUD with validation, the scheduler tick that turns each
//! due tick into exactly one report job (and runs the built-in daily jobs), e-mailing the
//! finished reports, and the latest scheduled report.
//!
//! A schedule belongs to the user who created it: only they see, change or delete it, and its
//! reports are their report jobs (visible in `GET /api/v1/reports`).

mod builtin;
mod input;
mod mail;
mod scheduler;
mod timing;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::report::ReportFormat;
use domain::{Principal, Role, Roles, Uuid};
use ports::{Clock, IdGenerator, JobArtifact, ReportSchedule, ScheduleStore, ScheduleStoreError};

pub use builtin::{AnomalyCheck, BuiltinJob, CrmDaily, ScheduledAction};
pub use input::ScheduleInput;
pub use scheduler::{Scheduler, SchedulerConfig, TickReport};
pub use timing::{Timing, TimingError};

use crate::reports::{JobError, ReportJobService};

/// Why a schedule operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("{message}")]
    InvalidRequest { field: &'static str, message: String },
    /// Unknown, or another user's (indistinguishable on purpose).
    #[error("schedule not found")]
    NotFound,
    /// No completed scheduled report of that type and format yet.
    #[error("no scheduled report available yet")]
    NoReport,
    #[error(transparent)]
    Store(#[from] ScheduleStoreError),
    #[error(transparent)]
    Job(#[from] JobError),
}

/// Schedules: create, list, read, change, delete; and the latest scheduled report.
pub struct ScheduleService {
    store: Arc<dyn ScheduleStore>,
    jobs: Arc<ReportJobService>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
    /// The zone of a schedule created without one (the shop's).
    default_zone: String,
}

impl std::fmt::Debug for ScheduleService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScheduleService").field("default_zone", &self.default_zone).finish_non_exhaustive()
    }
}

/// The identity a schedule's reports are made for: its owner, with the roles they had.
pub(crate) fn owner_of(schedule_owner: &str, roles: &[String]) -> Principal {
    Principal {
        subject: schedule_owner.to_owned(),
        username: None,
        roles: Roles::new(roles.iter().map(|r| Role::parse(r))),
        token: None,
    }
}

impl ScheduleService {
    #[must_use]
    pub fn new(
        store: Arc<dyn ScheduleStore>,
        jobs: Arc<ReportJobService>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        default_zone: String,
    ) -> Self {
        Self { store, jobs, clock, ids, default_zone }
    }

    /// Creates a schedule for `caller`.
    ///
    /// # Errors
    /// `InvalidRequest` naming the bad field (a timetable is required); `Store`.
    pub async fn create(&self, caller: &Principal, input: ScheduleInput) -> Result<ReportSchedule, ScheduleError> {
        if input.cron.is_none() && input.hour.is_none() {
            return Err(ScheduleError::InvalidRequest {
                field: "cron",
                message: "a schedule needs a cron expression or an hour (and minute)".into(),
            });
        }
        let now = self.clock.now();
        let mut schedule = ReportSchedule {
            id: self.ids.new_id(),
            owner: caller.subject.clone(),
            roles: caller.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            name: String::new(),
            cron: String::new(),
            timezone: self.default_zone.clone(),
            kind: "combined".into(),
            format: ReportFormat::Pdf,
            period: "daily".into(),
            include_forecast: false,
            recipients: Vec::new(),
            enabled: true,
            created_at: now,
            updated_at: now,
            active_since: now,
        };
        input.apply(&mut schedule)?;
        if schedule.name.is_empty() {
            schedule.name = format!("{} {} report", schedule.kind, schedule.format.as_str());
        }
        self.store.insert(&schedule).await?;
        tracing::info!(schedule = %schedule.id, cron = %schedule.cron, zone = %schedule.timezone, "schedule created");
        Ok(schedule)
    }

    /// The caller's schedules, oldest first.
    ///
    /// # Errors
    /// `Store`.
    pub async fn list(&self, caller: &Principal) -> Result<Vec<ReportSchedule>, ScheduleError> {
        Ok(self.store.list(Some(&caller.subject)).await?)
    }

    /// The caller's schedule.
    ///
    /// # Errors
    /// `NotFound` for a missing schedule or another user's; `Store`.
    pub async fn get(&self, caller: &Principal, id: Uuid) -> Result<ReportSchedule, ScheduleError> {
        self.store.get(id).await?.filter(|s| s.owner == caller.subject).ok_or(ScheduleError::NotFound)
    }

    /// Changes the fields `input` sets. A new timetable (or re-enabling) only fires for ticks
    /// after now.
    ///
    /// # Errors
    /// `NotFound`; `InvalidRequest`; `Store`.
    pub async fn update(
        &self,
        caller: &Principal,
        id: Uuid,
        input: ScheduleInput,
    ) -> Result<ReportSchedule, ScheduleError> {
        let mut schedule = self.get(caller, id).await?;
        let now = self.clock.now();
        if input.apply(&mut schedule)? {
            schedule.active_since = now;
        }
        schedule.updated_at = now;
        if !self.store.update(&schedule).await? {
            return Err(ScheduleError::NotFound);
        }
        Ok(schedule)
    }

    /// Deletes the caller's schedule (reports already made stay).
    ///
    /// # Errors
    /// `NotFound`; `Store`.
    pub async fn delete(&self, caller: &Principal, id: Uuid) -> Result<(), ScheduleError> {
        self.get(caller, id).await?;
        if self.store.delete(id).await? { Ok(()) } else { Err(ScheduleError::NotFound) }
    }

    /// When the schedule fires next (none while disabled).
    #[must_use]
    pub fn next_run(&self, schedule: &ReportSchedule) -> Option<DateTime<Utc>> {
        let timing = Timing::cron(&schedule.cron, &schedule.timezone).ok()?;
        schedule.enabled.then(|| timing.next_after(self.clock.now())).flatten()
    }

    /// The newest completed report the caller's schedules made of `kind` and `format`, with
    /// its file (upstream defect 7: this works for xlsx too).
    ///
    /// # Errors
    /// `NoReport` when there is none yet; `Store` or `Job` when a backend fails.
    pub async fn latest(
        &self,
        caller: &Principal,
        kind: &str,
        format: ReportFormat,
    ) -> Result<(JobArtifact, Vec<u8>), ScheduleError> {
        // The newest ticks may still be running or have failed: look a little further back.
        for id in self.store.recent_jobs(Some(&caller.subject), kind, format, 20).await? {
            match self.jobs.download(caller, id).await {
                Ok(found) => return Ok(found),
                Err(JobError::NotFound | JobError::NotReady(_)) => {}
                Err(other) => return Err(other.into()),
            }
        }
        Err(ScheduleError::NoReport)
    }
}
