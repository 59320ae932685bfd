//! Report schedules and tick claims in memory, with the SQL stores' semantics.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{MailStatus, ReportSchedule, ScheduleStore, ScheduleStoreError, TickJob, TickRecord};

/// A claimed tick and the lease of its mail while one is being sent.
type Claimed = (TickRecord, Option<DateTime<Utc>>);

#[derive(Debug, Default)]
struct State {
    schedules: Vec<ReportSchedule>,
    /// By `(task, tick_at)`.
    ticks: BTreeMap<(String, DateTime<Utc>), Claimed>,
}

/// A [`ScheduleStore`] in memory (lost on restart: DEV and tests only).
#[derive(Debug, Default)]
pub struct MemoryScheduleStore {
    state: Mutex<State>,
}

impl MemoryScheduleStore {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl ScheduleStore for MemoryScheduleStore {
    async fn insert(&self, schedule: &ReportSchedule) -> Result<(), ScheduleStoreError> {
        self.lock().schedules.push(schedule.clone());
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportSchedule>, ScheduleStoreError> {
        Ok(self.lock().schedules.iter().find(|s| s.id == id).cloned())
    }

    async fn list<'a>(&self, owner: Option<&'a str>) -> Result<Vec<ReportSchedule>, ScheduleStoreError> {
        let mut found: Vec<ReportSchedule> =
            self.lock().schedules.iter().filter(|s| owner.is_none_or(|o| s.owner == o)).cloned().collect();
        found.sort_by_key(|s| (s.created_at, s.id));
        Ok(found)
    }

    async fn update(&self, schedule: &ReportSchedule) -> Result<bool, ScheduleStoreError> {
        let mut state = self.lock();
        let Some(stored) = state.schedules.iter_mut().find(|s| s.id == schedule.id) else { return Ok(false) };
        *stored = schedule.clone();
        Ok(true)
    }

    async fn delete(&self, id: Uuid) -> Result<bool, ScheduleStoreError> {
        let mut state = self.lock();
        let before = state.schedules.len();
        state.schedules.retain(|s| s.id != id);
        Ok(state.schedules.len() < before)
    }

    async fn claim_tick(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        claimed_at: DateTime<Utc>,
    ) -> Result<bool, ScheduleStoreError> {
        let mut state = self.lock();
        let key = (task.to_owned(), tick_at);
        if state.ticks.contains_key(&key) {
            return Ok(false);
        }
        let record = TickRecord {
            task: task.to_owned(),
            tick_at,
            claimed_at,
            job: None,
            mail_status: MailStatus::None,
            mail_attempts: 0,
            mail_error: None,
        };
        state.ticks.insert(key, (record, None));
        Ok(true)
    }

    async fn release_tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<(), ScheduleStoreError> {
        self.lock().ticks.remove(&(task.to_owned(), tick_at));
        Ok(())
    }

    async fn last_tick(&self, task: &str) -> Result<Option<DateTime<Utc>>, ScheduleStoreError> {
        Ok(self.lock().ticks.keys().filter(|(t, _)| t == task).map(|(_, at)| *at).max())
    }

    async fn attach_job(&self, task: &str, tick_at: DateTime<Utc>, job: &TickJob) -> Result<(), ScheduleStoreError> {
        if let Some((record, _)) = self.lock().ticks.get_mut(&(task.to_owned(), tick_at)) {
            record.mail_status = if job.mail_to.is_empty() { MailStatus::None } else { MailStatus::Pending };
            record.job = Some(job.clone());
        }
        Ok(())
    }

    async fn pending_mail(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<TickRecord>, ScheduleStoreError> {
        let state = self.lock();
        let mut pending: Vec<TickRecord> = state
            .ticks
            .values()
            .filter(|(r, lease)| r.mail_status == MailStatus::Pending && lease.is_none_or(|l| l <= now))
            .map(|(r, _)| r.clone())
            .collect();
        pending.sort_by_key(|r| (r.tick_at, r.task.clone()));
        pending.truncate(limit as usize);
        Ok(pending)
    }

    async fn claim_mail(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<Option<u32>, ScheduleStoreError> {
        let mut state = self.lock();
        let Some((record, lease)) = state.ticks.get_mut(&(task.to_owned(), tick_at)) else { return Ok(None) };
        if record.mail_status != MailStatus::Pending || lease.is_some_and(|l| l > now) {
            return Ok(None);
        }
        *lease = Some(lease_until);
        record.mail_attempts += 1;
        Ok(Some(record.mail_attempts))
    }

    async fn finish_mail<'a>(
        &self,
        task: &str,
        tick_at: DateTime<Utc>,
        status: MailStatus,
        error: Option<&'a str>,
    ) -> Result<(), ScheduleStoreError> {
        if let Some((record, _)) = self.lock().ticks.get_mut(&(task.to_owned(), tick_at)) {
            record.mail_status = status;
            record.mail_error = error.map(str::to_owned);
        }
        Ok(())
    }

    async fn recent_jobs<'a>(
        &self,
        owner: Option<&'a str>,
        kind: &str,
        format: ReportFormat,
        limit: u32,
    ) -> Result<Vec<Uuid>, ScheduleStoreError> {
        let state = self.lock();
        let mut found: Vec<(DateTime<Utc>, Uuid)> = state
            .ticks
            .values()
            .filter_map(|(r, _)| r.job.as_ref().map(|j| (r.tick_at, j)))
            .filter(|(_, j)| j.kind == kind && j.format == format && owner.is_none_or(|o| j.owner == o))
            .map(|(at, j)| (at, j.job_id))
            .collect();
        found.sort_by(|a, b| b.cmp(a));
        Ok(found.into_iter().take(limit as usize).map(|(_, id)| id).collect())
    }

    async fn tick(&self, task: &str, tick_at: DateTime<Utc>) -> Result<Option<TickRecord>, ScheduleStoreError> {
        Ok(self.lock().ticks.get(&(task.to_owned(), tick_at)).map(|(r, _)| r.clone()))
    }
}
