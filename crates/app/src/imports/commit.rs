//! Use case: commit a batch to the sales sink in chunks, persisting progress after each chunk.
//!
//! * Idempotent: a committed batch answers with its stored result and records nothing again.
//! * Resumable: a commit stopped by a refusal (`INSUFFICIENT_STOCK`) or an outage resumes at the
//!   first chunk not recorded; chunks are cut the same way every time (the size is fixed when
//!   the commit starts).
//! * Exactly once as far as the sink lets us know: when a chunk's outcome is unknown (timeout),
//!   resuming requires the caller to say whether it was recorded, instead of guessing.
//! * One writer: a running commit holds a lease; the store's version check refuses a second one.

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use domain::{NewSale, Principal, Uuid};
use import::ImportRow;
use ports::{CommitFailure, CommitMode, CommitProgress, CommitStatus, ImportBatch, SinkError};

use super::{ImportError, ImportService};

/// The caller's word on a chunk an earlier attempt left in doubt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// It was recorded (seen in the system of record): skip it.
    Recorded,
    /// It was not: send it again.
    NotRecorded,
}

/// What a commit call did.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitOutcome {
    pub batch: ImportBatch,
    /// Rows recorded by this call (0 when the batch was already committed).
    pub newly_committed: usize,
    /// The batch had been committed by an earlier call.
    pub already_committed: bool,
    /// The sink's words for the last chunk this call recorded (Java: "Bulk sales imported
    /// successfully").
    pub receipt: Option<String>,
}

impl ImportService {
    /// Commits the batch's valid rows (`mode` decides whether invalid rows block it).
    ///
    /// # Errors
    /// `NotFound`, `Expired`, `HasErrors`, `NothingToCommit`, `ModeConflict`, `InProgress`,
    /// `OutcomeUnknown`, `Rejected`, `Unconfirmed`, `SinkAccess`, `Store`.
    #[tracing::instrument(skip_all, fields(batch = %id, mode = mode.as_str()), err)]
    pub async fn commit(
        &self,
        caller: &Principal,
        id: Uuid,
        mode: CommitMode,
        confirm: Option<Confirm>,
    ) -> Result<CommitOutcome, ImportError> {
        let batch = self.get(caller, id).await?;
        let now = self.clock.now();
        let mut version = batch.version;
        let mut progress = match batch.commit.clone() {
            Some(p) if p.status == CommitStatus::Committed => {
                return Ok(CommitOutcome { batch, newly_committed: 0, already_committed: true, receipt: None });
            }
            Some(p) if p.mode != mode => return Err(ImportError::ModeConflict { started: p.mode.as_str() }),
            Some(p) if p.status == CommitStatus::Running && p.lease_until.is_some_and(|l| l > now) => {
                return Err(ImportError::InProgress);
            }
            Some(p) if p.status == CommitStatus::Running => {
                let (p, v) = self.take_over(&batch, p).await?;
                version = v;
                p
            }
            Some(p) => p,
            None => self.first_progress(&batch, mode, now)?,
        };
        let rows = &batch.report.rows;
        let chunk_size = progress.chunk_size.max(1);
        if let Some(doubt) = progress.last_error.take().filter(|f| f.outcome == "unknown") {
            match confirm {
                None => return Err(ImportError::OutcomeUnknown(doubt)),
                Some(Confirm::Recorded) => {
                    progress.chunks_done = doubt.chunk + 1;
                    progress.committed_rows += rows.chunks(chunk_size).nth(doubt.chunk).map_or(0, <[ImportRow]>::len);
                }
                Some(Confirm::NotRecorded) => {}
            }
        }
        progress.status = CommitStatus::Running;
        progress.lease_until = Some(self.lease_from(now));
        version = self.store.save_commit(id, version, &progress).await?;
        let before = progress.committed_rows;
        let mut receipt = None;
        for (index, chunk) in rows.chunks(chunk_size).enumerate().skip(progress.chunks_done) {
            let sales: Vec<NewSale> = chunk.iter().map(ImportRow::to_new_sale).collect();
            match self.sink.record(caller, &sales).await {
                Ok(done) => receipt = Some(done.message),
                Err(error) => return Err(self.interrupted(id, version, progress, before, index, chunk, error).await),
            }
            progress.chunks_done = index + 1;
            progress.committed_rows += chunk.len();
            progress.lease_until = Some(self.lease_from(self.clock.now()));
            version = self.store.save_commit(id, version, &progress).await?;
        }
        progress.status = CommitStatus::Committed;
        progress.lease_until = None;
        progress.finished_at = Some(self.clock.now());
        self.store.save_commit(id, version, &progress).await?;
        self.invalidate_caches().await;
        let newly_committed = progress.committed_rows - before;
        tracing::info!(newly_committed, total = progress.committed_rows, "import batch committed");
        Ok(CommitOutcome {
            batch: ImportBatch { commit: Some(progress), ..batch },
            newly_committed,
            already_committed: false,
            receipt,
        })
    }

    fn first_progress(
        &self,
        batch: &ImportBatch,
        mode: CommitMode,
        now: DateTime<Utc>,
    ) -> Result<CommitProgress, ImportError> {
        let report = &batch.report;
        if mode == CommitMode::AllOrNothing && report.invalid_rows > 0 {
            return Err(ImportError::HasErrors { invalid: report.invalid_rows });
        }
        if report.rows.is_empty() {
            return Err(ImportError::NothingToCommit);
        }
        let chunk_size = self.config.chunk_size.max(1);
        Ok(CommitProgress {
            mode,
            status: CommitStatus::Running,
            chunk_size,
            chunks_total: report.rows.len().div_ceil(chunk_size),
            chunks_done: 0,
            committed_rows: 0,
            started_at: now,
            lease_until: None,
            finished_at: None,
            last_error: None,
        })
    }

    /// A running commit whose lease ran out: the gateway running it stopped (crash, restart)
    /// somewhere between sending chunk `chunks_done` and saving that it was recorded. That chunk
    /// is in doubt like a timeout: it is recorded as an `unknown` interruption, so resuming asks
    /// the caller to confirm instead of sending it a second time.
    async fn take_over(
        &self,
        batch: &ImportBatch,
        mut progress: CommitProgress,
    ) -> Result<(CommitProgress, u64), ImportError> {
        let chunk_size = progress.chunk_size.max(1);
        if progress.last_error.is_none()
            && let Some(chunk) = batch.report.rows.chunks(chunk_size).nth(progress.chunks_done)
        {
            progress.last_error = Some(CommitFailure {
                outcome: "unknown".to_owned(),
                code: "INTERRUPTED".to_owned(),
                message: format!(
                    "the commit stopped while chunk {} was being sent (the gateway running it went away): \
                     it may have been recorded",
                    progress.chunks_done
                ),
                chunk: progress.chunks_done,
                first_row: chunk.first().map_or(0, |r| r.row),
                last_row: chunk.last().map_or(0, |r| r.row),
            });
        }
        progress.status = CommitStatus::Interrupted;
        progress.lease_until = None;
        tracing::warn!(batch = %batch.id, chunk = progress.chunks_done, "taking over an abandoned import commit");
        // A conflict here means another request took it over first.
        let version = match self.store.save_commit(batch.id, batch.version, &progress).await {
            Err(ports::BatchStoreError::Conflict(_)) => return Err(ImportError::InProgress),
            other => other?,
        };
        Ok((progress, version))
    }

    fn lease_from(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + ChronoDuration::from_std(self.config.commit_lease).unwrap_or(ChronoDuration::minutes(5))
    }

    /// Records why the commit stopped (so it can resume) and turns the sink's error into ours.
    #[allow(clippy::too_many_arguments)]
    async fn interrupted(
        &self,
        id: Uuid,
        version: u64,
        mut progress: CommitProgress,
        before: usize,
        index: usize,
        chunk: &[ImportRow],
        error: SinkError,
    ) -> ImportError {
        let (outcome, code, retry_after) = match &error {
            SinkError::Rejected { code, .. } => ("rejected", code.clone(), None),
            SinkError::Unauthorized => ("rejected", "UNAUTHORIZED".to_owned(), None),
            SinkError::Forbidden => ("rejected", "FORBIDDEN".to_owned(), None),
            SinkError::Unavailable { retry_after, .. } => ("unknown", "UNAVAILABLE".to_owned(), *retry_after),
            SinkError::BadResponse { .. } => ("unknown", "BAD_RESPONSE".to_owned(), None),
        };
        let message = match &error {
            SinkError::Rejected { message, .. } => message.clone(),
            other => other.to_string(),
        };
        let failure = CommitFailure {
            outcome: outcome.to_owned(),
            code,
            message,
            chunk: index,
            first_row: chunk.first().map_or(0, |r| r.row),
            last_row: chunk.last().map_or(0, |r| r.row),
        };
        tracing::warn!(chunk = index, outcome, code = %failure.code, "import commit interrupted");
        progress.status = CommitStatus::Interrupted;
        progress.lease_until = None;
        progress.last_error = Some(failure.clone());
        if let Err(e) = self.store.save_commit(id, version, &progress).await {
            return e.into();
        }
        if progress.committed_rows > before {
            self.invalidate_caches().await;
        }
        match error {
            SinkError::Rejected { .. } => ImportError::Rejected(failure),
            SinkError::Unauthorized | SinkError::Forbidden => ImportError::SinkAccess(error),
            SinkError::Unavailable { .. } | SinkError::BadResponse { .. } => {
                ImportError::Unconfirmed(failure, retry_after)
            }
        }
    }

    /// New sales change every figure: drop every cached scope (a failure only costs freshness
    /// until the TTL, so it is logged, not returned).
    async fn invalidate_caches(&self) {
        if let Err(error) = crate::invalidate_cache::invalidate_cache(self.cache.as_ref(), None).await {
            tracing::warn!(%error, "cache not invalidated after an import");
        }
    }
}
