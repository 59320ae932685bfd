//! `ImportBatchStore`: uploaded import batches (the validated rows and errors) and the progress of
//! their commit, so that a commit is idempotent and resumes where it stopped, on any gateway.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use import::ImportReport;
use serde::{Deserialize, Serialize};

/// How a batch with errors is committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitMode {
    /// Only when every row is valid.
    AllOrNothing,
    /// The valid rows; the invalid ones are skipped.
    ValidRowsOnly,
}

impl CommitMode {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AllOrNothing => "all_or_nothing",
            Self::ValidRowsOnly => "valid_rows_only",
        }
    }
}

/// Where a commit stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitStatus {
    /// A gateway is sending chunks (until `lease_until`).
    Running,
    /// Stopped by a refusal or an outage; a new commit resumes at `chunks_done`.
    Interrupted,
    /// Every chunk was recorded.
    Committed,
}

/// Why a commit stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitFailure {
    /// `rejected` (the sink refused the chunk: nothing of it was recorded) or `unknown` (the
    /// sink could not be reached or timed out: the chunk may have been recorded).
    pub outcome: String,
    /// The sink's code (`INSUFFICIENT_STOCK`…) or the outage's kind.
    pub code: String,
    pub message: String,
    /// The chunk that failed (0-based) and its first and last spreadsheet rows.
    pub chunk: usize,
    pub first_row: u32,
    pub last_row: u32,
}

/// The commit of one batch, persisted after every chunk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitProgress {
    pub mode: CommitMode,
    pub status: CommitStatus,
    /// Fixed when the commit starts, so a resumed commit cuts the same chunks.
    pub chunk_size: usize,
    pub chunks_total: usize,
    pub chunks_done: usize,
    pub committed_rows: usize,
    pub started_at: DateTime<Utc>,
    pub lease_until: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub last_error: Option<CommitFailure>,
}

/// An uploaded, validated file waiting for (or after) its commit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: Uuid,
    /// The uploader's subject, for the audit trail.
    pub owner: String,
    pub file_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub report: ImportReport,
    pub commit: Option<CommitProgress>,
    /// Bumped by every write; writes name the version they read (optimistic concurrency).
    pub version: u64,
}

/// Why a batch-store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum BatchStoreError {
    #[error("import batch {0} not found")]
    NotFound(Uuid),
    /// Another writer changed the batch since it was read.
    #[error("import batch {0} was changed by another request")]
    Conflict(Uuid),
    #[error("import batch store unavailable: {0}")]
    Unavailable(String),
}

/// Durable import batches.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ImportBatchStore: Send + Sync {
    /// Stores a new batch (its `version` as given, normally 0).
    ///
    /// # Errors
    /// MUST return `Unavailable` when the backend cannot be reached.
    async fn create(&self, batch: &ImportBatch) -> Result<(), BatchStoreError>;

    /// The batch, expired or not (expiry is the caller's decision until it is purged).
    ///
    /// # Errors
    /// MUST return `NotFound` for an unknown or deleted id.
    async fn get(&self, id: Uuid) -> Result<ImportBatch, BatchStoreError>;

    /// Replaces the batch's commit progress if its version is still `expected_version`;
    /// returns the new version.
    ///
    /// # Errors
    /// MUST return `Conflict` when the version moved on, `NotFound` for an unknown id.
    async fn save_commit(
        &self,
        id: Uuid,
        expected_version: u64,
        commit: &CommitProgress,
    ) -> Result<u64, BatchStoreError>;

    /// Deletes the batch.
    ///
    /// # Errors
    /// MUST return `NotFound` for an unknown id.
    async fn delete(&self, id: Uuid) -> Result<(), BatchStoreError>;

    /// Deletes every batch whose `expires_at` is at or before `now`; returns how many.
    ///
    /// # Errors
    /// MUST return `Unavailable` when the backend cannot be reached.
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BatchStoreError>;
}
