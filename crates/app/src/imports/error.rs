//! Why an import use case failed.

use domain::Uuid;
use ports::{BatchStoreError, CommitFailure, SinkError, SourceError};

/// Every failure of the import use cases; the gateway maps each to one status and code.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file as a whole cannot be imported (empty, wrong type, limits, columns…).
    #[error(transparent)]
    File(#[from] import::FileError),
    #[error("import batch {0} not found")]
    NotFound(Uuid),
    #[error("import batch {0} expired")]
    Expired(Uuid),
    /// `all_or_nothing` on a batch with invalid rows.
    #[error("the batch has {invalid} invalid rows: fix them, or commit with valid_rows_only")]
    HasErrors { invalid: usize },
    #[error("the batch has no valid row to commit")]
    NothingToCommit,
    /// A commit of this batch started with the other mode.
    #[error("this batch's commit started as {started}; resume it with the same mode")]
    ModeConflict { started: &'static str },
    #[error("another request is committing this batch")]
    InProgress,
    /// The sink refused a chunk (e.g. `INSUFFICIENT_STOCK`); the chunks before it are recorded.
    #[error("the sales sink rejected rows {}-{}: {}", .0.first_row, .0.last_row, .0.message)]
    Rejected(CommitFailure),
    /// The sink could not be reached in time: the chunk may or may not have been recorded.
    #[error("the sales sink did not confirm rows {}-{}: {}", .0.first_row, .0.last_row, .0.message)]
    Unconfirmed(CommitFailure, Option<std::time::Duration>),
    /// A previous attempt left a chunk in doubt; the caller must say whether it was recorded.
    #[error("rows {}-{} may already be recorded: check the system of record, then resume with confirm = recorded or not_recorded", .0.first_row, .0.last_row)]
    OutcomeUnknown(CommitFailure),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("the sales sink refused the caller: {0}")]
    SinkAccess(SinkError),
    #[error("import batch store: {0}")]
    Store(String),
}

impl From<BatchStoreError> for ImportError {
    fn from(e: BatchStoreError) -> Self {
        match e {
            BatchStoreError::NotFound(id) => Self::NotFound(id),
            BatchStoreError::Conflict(_) => Self::InProgress,
            BatchStoreError::Unavailable(reason) => Self::Store(reason),
        }
    }
}
