//! Use case: one scheduler pass (`run_due(now)`). For every enabled schedule and built-in job,
//! the latest tick at or before `now` is claimed in the store (unique `(task, tick_at)`); the
//! one worker whose claim wins submits the report job (or runs the built-in). Then finished
//! scheduled reports are e-mailed.
//!
//! Missed ticks (every worker was down): only the latest missed tick runs, once; older ones are
//! skipped, because a pile of identical catch-up reports helps nobody. A schedule never fires
//! for a tick at or before its `active_since` (creation, timetable change, re-enabling), and a
//! built-in job seen for the first time records its latest tick without running it, so a new
//! deployment does not start with a burst of jobs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{ReportMailer, ReportSchedule, ScheduleStore, TickJob};

use super::{BuiltinJob, ScheduleError, Timing, owner_of};
use crate::reports::{JobRequest, ReportJobService};

/// How finished reports are mailed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// A mail being sent is reserved for its worker this long.
    pub mail_lease: Duration,
    /// Attempts before a mail is given up.
    pub mail_max_attempts: u32,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self { mail_lease: Duration::from_secs(300), mail_max_attempts: 3 }
    }
}

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TickReport {
    /// `(schedule id, job id)` of each report job submitted.
    pub submitted: Vec<(Uuid, Uuid)>,
    /// Built-in jobs run, with their outcome.
    pub builtins: Vec<(&'static str, Result<String, String>)>,
    pub mailed: usize,
    pub mail_failures: usize,
}

/// The scheduler: stateless but for a per-process memo of ticks already decided, which only
/// saves store round trips (the store's claim is what guarantees once-per-tick).
pub struct Scheduler {
    pub(super) store: Arc<dyn ScheduleStore>,
    pub(super) jobs: Arc<ReportJobService>,
    pub(super) mailer: Option<Arc<dyn ReportMailer>>,
    builtins: Vec<BuiltinJob>,
    pub(super) config: SchedulerConfig,
    decided: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("builtins", &self.builtins)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

pub(super) fn chrono_of(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

impl Scheduler {
    #[must_use]
    pub fn new(
        store: Arc<dyn ScheduleStore>,
        jobs: Arc<ReportJobService>,
        mailer: Option<Arc<dyn ReportMailer>>,
        builtins: Vec<BuiltinJob>,
        config: SchedulerConfig,
    ) -> Self {
        Self { store, jobs, mailer, builtins, config, decided: Mutex::new(HashMap::new()) }
    }

    /// The built-in jobs, for the start-up log.
    #[must_use]
    pub fn builtins(&self) -> &[BuiltinJob] {
        &self.builtins
    }

    fn already_decided(&self, task: &str, tick: DateTime<Utc>) -> bool {
        let decided = self.decided.lock().unwrap_or_else(PoisonError::into_inner);
        decided.get(task).is_some_and(|&t| t >= tick)
    }

    fn decide(&self, task: &str, tick: DateTime<Utc>) {
        self.decided.lock().unwrap_or_else(PoisonError::into_inner).insert(task.to_owned(), tick);
    }

    /// Fires everything due at `now` (the worker loop calls it; tests step it with a fixed now).
    ///
    /// # Errors
    /// `Store` when the schedules cannot be read; a failure of one schedule is logged and
    /// retried on the next pass (its claim is released).
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<TickReport, ScheduleError> {
        let mut report = TickReport::default();
        for schedule in self.store.list(None).await?.into_iter().filter(|s| s.enabled) {
            if let Some(job) = self.fire_schedule(&schedule, now).await {
                report.submitted.push((schedule.id, job));
            }
        }
        for builtin in &self.builtins {
            if let Some(outcome) = self.fire_builtin(builtin, now).await {
                report.builtins.push((builtin.task, outcome));
            }
        }
        self.mail_due(now, &mut report).await;
        Ok(report)
    }

    async fn fire_schedule(&self, schedule: &ReportSchedule, now: DateTime<Utc>) -> Option<Uuid> {
        let task = format!("schedule:{}", schedule.id);
        let timing = match Timing::cron(&schedule.cron, &schedule.timezone) {
            Ok(timing) => timing,
            Err(e) => {
                tracing::error!(schedule = %schedule.id, error = %e, "stored schedule has an invalid timetable");
                return None;
            }
        };
        let tick = timing.latest_at_or_before(now).filter(|&t| t > schedule.active_since)?;
        if self.already_decided(&task, tick) {
            return None;
        }
        match self.store.claim_tick(&task, tick, now).await {
            Ok(true) => {}
            Ok(false) => {
                self.decide(&task, tick);
                return None;
            }
            Err(e) => {
                tracing::warn!(schedule = %schedule.id, error = %e, "could not claim a schedule tick");
                return None;
            }
        }
        let request = JobRequest {
            kind: domain::report::ReportKind::parse(&schedule.kind).unwrap_or(domain::report::ReportKind::Combined),
            format: schedule.format,
            period: super::input::period(&schedule.period).unwrap_or(domain::analytics::Period::Daily),
            start_date: None,
            end_date: None,
            include_forecast: schedule.include_forecast,
        };
        let owner = owner_of(&schedule.owner, &schedule.roles);
        match self.jobs.submit(&owner, request).await {
            Ok(job) => {
                self.decide(&task, tick);
                let attached = TickJob {
                    job_id: job.id,
                    owner: schedule.owner.clone(),
                    kind: schedule.kind.clone(),
                    format: schedule.format,
                    mail_to: schedule.recipients.clone(),
                };
                if let Err(e) = self.store.attach_job(&task, tick, &attached).await {
                    // The report is queued and will be made; only its mail and `latest` miss it.
                    tracing::error!(schedule = %schedule.id, job = %job.id, error = %e, "could not record a tick's job");
                }
                tracing::info!(schedule = %schedule.id, %tick, job = %job.id, "scheduled report queued");
                Some(job.id)
            }
            Err(e) => {
                tracing::warn!(schedule = %schedule.id, %tick, error = %e, "scheduled report not queued; retrying next pass");
                let _ = self.store.release_tick(&task, tick).await;
                None
            }
        }
    }

    async fn fire_builtin(&self, builtin: &BuiltinJob, now: DateTime<Utc>) -> Option<Result<String, String>> {
        let task = builtin.task;
        let tick = builtin.timing.latest_at_or_before(now)?;
        if self.already_decided(task, tick) {
            return None;
        }
        let last = match self.store.last_tick(task).await {
            Ok(last) => last,
            Err(e) => {
                tracing::warn!(task, error = %e, "could not read a built-in job's last tick");
                return None;
            }
        };
        if last.is_some_and(|l| l >= tick) {
            self.decide(task, tick);
            return None;
        }
        match self.store.claim_tick(task, tick, now).await {
            Ok(claimed) => {
                self.decide(task, tick);
                if !claimed {
                    return None;
                }
            }
            Err(e) => {
                tracing::warn!(task, error = %e, "could not claim a built-in job's tick");
                return None;
            }
        }
        if last.is_none() {
            tracing::info!(task, %tick, "built-in job first seen: its current tick is recorded, not run");
            return None;
        }
        let outcome = builtin.action.run().await;
        match &outcome {
            Ok(summary) => tracing::info!(task, %tick, summary, "built-in scheduled job done"),
            Err(error) => tracing::error!(task, %tick, error, "built-in scheduled job failed"),
        }
        Some(outcome)
    }
}
