//! Use case: report jobs — submit, run one step of the queue, status, download, list, delete,
//! retention. The queue lives in the `ReportJobStore` (durable in the SQL backends), so queued
//! jobs survive a restart; a worker claims one job at a time under a lease, so a worker killed
//! mid-job leaves the job to the next claim, and the artifact is written to the `ReportStore`
//! (atomically) before the job is marked completed, so no partial file is ever downloadable.
//!
//! Jobs run without the submitter's token (it may expire before a queued job runs): the system
//! of record is called as the service identity (the Java adapter's system token), with the
//! submitter's subject and roles kept for ownership and caching.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use domain::analytics::Period;
use domain::report::{ReportFormat, ReportKind};
use domain::{Principal, Role, Roles, Uuid};
use ports::{
    ArtifactChunks, ArtifactKey, Clock, IdGenerator, JobArtifact, JobFilter, JobStatus, JobStoreError, ReportJob,
    ReportJobStore, ReportStore, SourceError,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ReportError, ReportRequest, ReportService};
use crate::AnalyticsError;

/// How jobs are run and kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobConfig {
    /// Runs per job before it is marked failed.
    pub max_attempts: u32,
    /// Wait before the second run; doubled for each further one.
    pub retry_backoff: Duration,
    /// How long a claimed job is reserved for its worker.
    pub lease: Duration,
    /// Finished jobs and their files are deleted after this long.
    pub retention: Duration,
}

impl Default for JobConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            retry_backoff: Duration::from_secs(30),
            lease: Duration::from_secs(300),
            retention: Duration::from_secs(7 * 86_400),
        }
    }
}

/// What a job reports on (stored with the job as JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRequest {
    pub kind: ReportKind,
    pub format: ReportFormat,
    pub period: Period,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub include_forecast: bool,
}

impl JobRequest {
    fn report_request(&self) -> ReportRequest {
        let mut request = ReportRequest::new(self.kind, self.period);
        (request.sales.start_date, request.sales.end_date) = (self.start_date, self.end_date);
        request.include_forecast = self.include_forecast;
        request
    }
}

/// Why a job operation failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("{message}")]
    InvalidRequest { field: &'static str, message: String },
    /// Unknown, or owned by someone else (indistinguishable on purpose).
    #[error("report job not found")]
    NotFound,
    /// The job exists but has no file (yet, or it failed).
    #[error("report job is {}", .0.as_str())]
    NotReady(JobStatus),
    #[error(transparent)]
    Store(#[from] JobStoreError),
    #[error("report artifact unavailable: {0}")]
    Artifact(String),
}

/// What one worker step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Idle,
    Completed(Uuid),
    Retrying(Uuid),
    Failed(Uuid),
}

/// Report jobs.
pub struct ReportJobService {
    reports: Arc<ReportService>,
    jobs: Arc<dyn ReportJobStore>,
    artifacts: Arc<dyn ReportStore>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
    config: JobConfig,
}

impl std::fmt::Debug for ReportJobService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportJobService").field("config", &self.config).finish_non_exhaustive()
    }
}

fn chrono_of(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

impl ReportJobService {
    #[must_use]
    pub fn new(
        reports: Arc<ReportService>,
        jobs: Arc<dyn ReportJobStore>,
        artifacts: Arc<dyn ReportStore>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        config: JobConfig,
    ) -> Self {
        Self { reports, jobs, artifacts, clock, ids, config }
    }

    /// Queues a report for `caller`.
    ///
    /// # Errors
    /// `InvalidRequest` for a format without renderer or an incomplete date range; `Store`.
    pub async fn submit(&self, caller: &Principal, request: JobRequest) -> Result<ReportJob, JobError> {
        if !self.reports.formats().contains(&request.format) {
            return Err(JobError::InvalidRequest {
                field: "format",
                message: format!("{} reports are not available on this server", request.format.as_str()),
            });
        }
        match (request.start_date, request.end_date) {
            (Some(_), None) | (None, Some(_)) => {
                return Err(JobError::InvalidRequest {
                    field: "start_date",
                    message: "start_date and end_date go together".into(),
                });
            }
            (Some(s), Some(e)) if s > e => {
                return Err(JobError::InvalidRequest {
                    field: "start_date",
                    message: "start_date must not be after end_date".into(),
                });
            }
            _ => {}
        }
        let now = self.clock.now();
        let job = ReportJob {
            id: self.ids.new_id(),
            owner: caller.subject.clone(),
            roles: caller.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            kind: request.kind.as_str().to_owned(),
            format: request.format,
            request: serde_json::to_string(&request).map_err(|e| JobStoreError::Unavailable(e.to_string()))?,
            status: JobStatus::Queued,
            progress: 0,
            attempts: 0,
            created_at: now,
            started_at: None,
            finished_at: None,
            run_after: now,
            error: None,
            artifact: None,
        };
        self.jobs.insert(&job).await?;
        tracing::info!(job = %job.id, kind = %job.kind, format = job.format.as_str(), "report job queued");
        Ok(job)
    }

    /// The caller's job.
    ///
    /// # Errors
    /// `NotFound` for a missing job or another user's; `Store`.
    pub async fn get(&self, caller: &Principal, id: Uuid) -> Result<ReportJob, JobError> {
        self.jobs.get(id).await?.filter(|j| j.owner == caller.subject).ok_or(JobError::NotFound)
    }

    /// The caller's jobs, newest first, and how many in all.
    ///
    /// # Errors
    /// `Store`.
    pub async fn list(&self, caller: &Principal, mut filter: JobFilter) -> Result<(Vec<ReportJob>, u64), JobError> {
        filter.owner = Some(caller.subject.clone());
        Ok(self.jobs.list(&filter).await?)
    }

    /// The finished file and its metadata.
    ///
    /// # Errors
    /// `NotFound`, `NotReady` when not completed, `Artifact` when the file is gone.
    pub async fn download(&self, caller: &Principal, id: Uuid) -> Result<(JobArtifact, Vec<u8>), JobError> {
        let job = self.get(caller, id).await?;
        let artifact =
            job.artifact.filter(|_| job.status == JobStatus::Completed).ok_or(JobError::NotReady(job.status))?;
        let key = ArtifactKey::parse(&artifact.key).map_err(|e| JobError::Artifact(e.to_string()))?;
        let bytes = self.artifacts.get(&key).await.map_err(|e| JobError::Artifact(e.to_string()))?;
        Ok((artifact, bytes))
    }

    /// Like [`Self::download`], but the file comes as chunks for streaming to the client.
    ///
    /// # Errors
    /// `NotFound`, `NotReady` when not completed, `Artifact` when the file is gone.
    pub async fn download_chunks(
        &self,
        caller: &Principal,
        id: Uuid,
    ) -> Result<(JobArtifact, Box<dyn ArtifactChunks>), JobError> {
        let job = self.get(caller, id).await?;
        let artifact =
            job.artifact.filter(|_| job.status == JobStatus::Completed).ok_or(JobError::NotReady(job.status))?;
        let key = ArtifactKey::parse(&artifact.key).map_err(|e| JobError::Artifact(e.to_string()))?;
        let chunks = self.artifacts.open(&key).await.map_err(|e| JobError::Artifact(e.to_string()))?;
        Ok((artifact, chunks))
    }

    /// Deletes the caller's job and its file.
    ///
    /// # Errors
    /// `NotFound`; `Store` or `Artifact` when the backends fail.
    pub async fn delete(&self, caller: &Principal, id: Uuid) -> Result<(), JobError> {
        let job = self.get(caller, id).await?;
        self.remove(&job).await
    }

    async fn remove(&self, job: &ReportJob) -> Result<(), JobError> {
        if let Some(key) = job.artifact.as_ref().and_then(|a| ArtifactKey::parse(&a.key).ok()) {
            self.artifacts.delete(&key).await.map_err(|e| JobError::Artifact(e.to_string()))?;
        }
        self.jobs.delete(job.id).await?;
        Ok(())
    }

    /// Deletes finished jobs older than the retention, with their files; how many.
    ///
    /// # Errors
    /// `Store` or `Artifact`.
    pub async fn purge(&self) -> Result<usize, JobError> {
        let cutoff = self.clock.now() - chrono_of(self.config.retention);
        let old = self.jobs.finished_before(cutoff).await?;
        for job in &old {
            self.remove(job).await?;
        }
        Ok(old.len())
    }

    /// Claims and runs one due job (the worker's step; tests call it directly).
    ///
    /// # Errors
    /// `Store` when the queue cannot be read or updated.
    pub async fn run_next(&self) -> Result<StepOutcome, JobError> {
        let now = self.clock.now();
        let Some(job) = self.jobs.claim(now, now + chrono_of(self.config.lease)).await? else {
            return Ok(StepOutcome::Idle);
        };
        let result = self.run(&job).await;
        let now = self.clock.now();
        match result {
            Ok(artifact) => {
                self.jobs.complete(job.id, &artifact, now).await?;
                tracing::info!(job = %job.id, bytes = artifact.bytes, "report job completed");
                Ok(StepOutcome::Completed(job.id))
            }
            Err((message, retryable)) if retryable && job.attempts < self.config.max_attempts => {
                let wait = self.config.retry_backoff.saturating_mul(1 << (job.attempts.saturating_sub(1)).min(16));
                self.jobs.retry(job.id, &message, now + chrono_of(wait)).await?;
                tracing::warn!(job = %job.id, attempt = job.attempts, error = %message, "report job will be retried");
                Ok(StepOutcome::Retrying(job.id))
            }
            Err((message, _)) => {
                self.jobs.fail(job.id, &message, now).await?;
                tracing::error!(job = %job.id, attempts = job.attempts, error = %message, "report job failed");
                Ok(StepOutcome::Failed(job.id))
            }
        }
    }

    /// Renders and stores the job's file: `Err((message, retryable))` on failure.
    async fn run(&self, job: &ReportJob) -> Result<JobArtifact, (String, bool)> {
        let request: JobRequest =
            serde_json::from_str(&job.request).map_err(|e| (format!("unreadable job request: {e}"), false))?;
        let caller = Principal {
            subject: job.owner.clone(),
            username: None,
            roles: Roles::new(job.roles.iter().map(|r| Role::parse(r))),
            token: None,
        };
        let _ = self.jobs.progress(job.id, 10).await;
        let rendered = self
            .reports
            .generate(&caller, &request.report_request(), request.format)
            .await
            .map_err(|e| (e.to_string(), retryable(&e)))?;
        let _ = self.jobs.progress(job.id, 80).await;
        let day = job.created_at.format("%Y/%m");
        let key = ArtifactKey::parse(&format!("reports/{day}/{}.{}", job.id, request.format.extension()))
            .map_err(|e| (e.to_string(), false))?;
        let sha256 = Sha256::digest(&rendered.bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
        let bytes = rendered.bytes.len() as u64;
        self.artifacts.put(&key, rendered.bytes).await.map_err(|e| (e.to_string(), true))?;
        Ok(JobArtifact { key: key.as_str().to_owned(), file_name: rendered.file_name, bytes, sha256 })
    }
}

/// Whether another run may succeed: outages and render failures yes, bad requests no.
fn retryable(error: &ReportError) -> bool {
    match error {
        ReportError::Analytics(AnalyticsError::Source(SourceError::Unavailable { .. })) => true,
        ReportError::Render(ports::RenderError::Failed(_)) => true,
        ReportError::Analytics(_) | ReportError::InvalidRequest { .. } | ReportError::NoRenderer(_) => false,
        ReportError::Render(ports::RenderError::Invalid(_)) => false,
    }
}
