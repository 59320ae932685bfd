//! Report jobs in memory, with the same claim and lease semantics as the SQL store.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{JobArtifact, JobFilter, JobStatus, JobStoreError, ReportJob, ReportJobStore};

/// A [`ReportJobStore`] in memory (jobs are lost on restart: DEV and tests only).
#[derive(Debug, Default)]
pub struct MemoryReportJobStore {
    jobs: Mutex<Vec<(ReportJob, Option<DateTime<Utc>>)>>,
}

impl MemoryReportJobStore {
    fn update(&self, id: Uuid, change: impl FnOnce(&mut ReportJob, &mut Option<DateTime<Utc>>)) {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((job, lease)) = jobs.iter_mut().find(|(j, _)| j.id == id) {
            change(job, lease);
        }
    }
}

#[async_trait]
impl ReportJobStore for MemoryReportJobStore {
    async fn insert(&self, job: &ReportJob) -> Result<(), JobStoreError> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner).push((job.clone(), None));
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<Option<ReportJob>, JobStoreError> {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(jobs.iter().find(|(j, _)| j.id == id).map(|(j, _)| j.clone()))
    }

    async fn list(&self, filter: &JobFilter) -> Result<(Vec<ReportJob>, u64), JobStoreError> {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let mut matching: Vec<&ReportJob> = jobs
            .iter()
            .map(|(j, _)| j)
            .filter(|j| filter.owner.as_ref().is_none_or(|o| *o == j.owner))
            .filter(|j| filter.status.is_none_or(|s| s == j.status))
            .filter(|j| filter.kind.as_ref().is_none_or(|k| *k == j.kind))
            .collect();
        matching.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        let total = matching.len() as u64;
        let page = matching.into_iter().skip(filter.offset as usize).take(filter.limit as usize).cloned().collect();
        Ok((page, total))
    }

    async fn claim(&self, now: DateTime<Utc>, lease_until: DateTime<Utc>) -> Result<Option<ReportJob>, JobStoreError> {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let due = jobs
            .iter_mut()
            .filter(|(j, lease)| match j.status {
                JobStatus::Queued => j.run_after <= now,
                JobStatus::Generating => lease.is_none_or(|l| l <= now),
                JobStatus::Completed | JobStatus::Failed => false,
            })
            .min_by_key(|(j, _)| (j.run_after, j.created_at, j.id));
        Ok(due.map(|(job, lease)| {
            job.status = JobStatus::Generating;
            job.attempts += 1;
            job.progress = 0;
            job.started_at = Some(now);
            *lease = Some(lease_until);
            job.clone()
        }))
    }

    async fn progress(&self, id: Uuid, percent: u8) -> Result<(), JobStoreError> {
        self.update(id, |job, _| job.progress = percent.min(100));
        Ok(())
    }

    async fn complete(&self, id: Uuid, artifact: &JobArtifact, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        self.update(id, |job, lease| {
            (job.status, job.progress, job.finished_at, job.error) = (JobStatus::Completed, 100, Some(at), None);
            job.artifact = Some(artifact.clone());
            *lease = None;
        });
        Ok(())
    }

    async fn retry(&self, id: Uuid, error: &str, run_after: DateTime<Utc>) -> Result<(), JobStoreError> {
        self.update(id, |job, lease| {
            (job.status, job.progress, job.run_after) = (JobStatus::Queued, 0, run_after);
            job.error = Some(error.to_owned());
            *lease = None;
        });
        Ok(())
    }

    async fn fail(&self, id: Uuid, error: &str, at: DateTime<Utc>) -> Result<(), JobStoreError> {
        self.update(id, |job, lease| {
            (job.status, job.finished_at, job.error) = (JobStatus::Failed, Some(at), Some(error.to_owned()));
            *lease = None;
        });
        Ok(())
    }

    async fn delete(&self, id: Uuid) -> Result<bool, JobStoreError> {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let before = jobs.len();
        jobs.retain(|(j, _)| j.id != id);
        Ok(jobs.len() < before)
    }

    async fn finished_before(&self, before: DateTime<Utc>) -> Result<Vec<ReportJob>, JobStoreError> {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(jobs.iter().map(|(j, _)| j).filter(|j| j.finished_at.is_some_and(|f| f < before)).cloned().collect())
    }
}
