//! `ReportJobStore`: durable report jobs and the queue workers claim them from.
//!
//! A job is claimed under a lease: a worker that dies mid-job leaves a lease that runs out, and
//! the next claim takes the job again, so no job is lost and none is run by two workers at once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::report::ReportFormat;

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobStatus {
    Queued,
    Generating,
    Completed,
    Failed,
}

impl JobStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Generating => "generating",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Queued, Self::Generating, Self::Completed, Self::Failed].into_iter().find(|s| s.as_str() == raw)
    }
}

/// A finished job's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobArtifact {
    /// Where the bytes are in the `ReportStore`.
    pub key: String,
    pub file_name: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the bytes (also the download's ETag).
    pub sha256: String,
}

/// One report job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportJob {
    pub id: Uuid,
    /// The subject of the user who asked; only they see the job.
    pub owner: String,
    /// Their roles when they asked (the report is computed with them).
    pub roles: Vec<String>,
    /// `sales`, `stock` or `combined`.
    pub kind: String,
    pub format: ReportFormat,
    /// The use case's request, as JSON (the store does not interpret it).
    pub request: String,
    pub status: JobStatus,
    /// 0–100.
    pub progress: u8,
    /// Runs started so far.
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Not claimed before this time (retry backoff).
    pub run_after: DateTime<Utc>,
    pub error: Option<String>,
    pub artifact: Option<JobArtifact>,
}

/// Which jobs to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobFilter {
    pub owner: Option<String>,
    pub status: Option<JobStatus>,
    pub kind: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum JobStoreError {
    #[error("report job store unavailable: {0}")]
    Unavailable(String),
}

/// Durable report jobs.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ReportJobStore: Send + Sync {
    /// Stores a new job.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn insert(&self, job: &ReportJob) -> Result<(), JobStoreError>;

    /// The job, if it exists.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn get(&self, id: Uuid) -> Result<Option<ReportJob>, JobStoreError>;

    /// Matching jobs, newest first, and how many match in all.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list(&self, filter: &JobFilter) -> Result<(Vec<ReportJob>, u64), JobStoreError>;

    /// Takes the oldest due job — queued and due, or generating with a lease that ran out — marks
    /// it generating with a lease until `lease_until` and one more attempt, and returns it. Two
    /// concurrent claims never return the same job.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn claim(&self, now: DateTime<Utc>, lease_until: DateTime<Utc>) -> Result<Option<ReportJob>, JobStoreError>;

    /// Records progress (and extends nothing: leases are long enough for one report).
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn progress(&self, id: Uuid, percent: u8) -> Result<(), JobStoreError>;

    /// Marks the job completed with its artifact.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn complete(&self, id: Uuid, artifact: &JobArtifact, at: DateTime<Utc>) -> Result<(), JobStoreError>;

    /// Puts the job back in the queue, due at `run_after`, with the error of the failed attempt.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn retry(&self, id: Uuid, error: &str, run_after: DateTime<Utc>) -> Result<(), JobStoreError>;

    /// Marks the job failed for good.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn fail(&self, id: Uuid, error: &str, at: DateTime<Utc>) -> Result<(), JobStoreError>;

    /// Removes the job; `false` when there was none.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn delete(&self, id: Uuid) -> Result<bool, JobStoreError>;

    /// Finished (completed or failed) jobs that finished before `before`, for retention.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn finished_before(&self, before: DateTime<Utc>) -> Result<Vec<ReportJob>, JobStoreError>;
}
