//! The import pipeline's use cases: upload (parse + validate + store a batch), read a batch,
//! commit it to the sales sink in resumable chunks, discard it, purge expired batches.
//!
//! Parsing is CPU work (about half a second for 100 000 XLSX rows), so the upload is split:
//! [`ImportService::prepare`] fetches the catalogue, the caller runs [`PreparedImport::parse`] on a
//! thread that may block, then [`ImportService::store`] persists the batch.

mod commit;
mod error;
mod upload;

use std::sync::Arc;
use std::time::Duration;

use domain::{Principal, Uuid};
use ports::{Cache, Clock, IdGenerator, ImportBatch, ImportBatchStore, SalesSink, SalesSource};

pub use commit::{CommitOutcome, Confirm};
pub use error::ImportError;
pub use upload::{PreparedImport, UploadRequest};

/// The pipeline's settings (`imports.*`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportConfig {
    pub limits: import::Limits,
    pub allow_fractional_quantities: bool,
    /// Sales per `SalesSink::record` call.
    pub chunk_size: usize,
    /// How long a batch waits for its commit.
    pub batch_ttl: Duration,
    /// How long one gateway owns a running commit before another may resume it.
    pub commit_lease: Duration,
}

impl Default for ImportConfig {
    fn default() -> Self {
        Self {
            limits: import::Limits::default(),
            allow_fractional_quantities: false,
            chunk_size: 500,
            batch_ttl: Duration::from_secs(24 * 3600),
            commit_lease: Duration::from_secs(300),
        }
    }
}

/// The import use cases over their ports.
pub struct ImportService {
    source: Arc<dyn SalesSource>,
    sink: Arc<dyn SalesSink>,
    store: Arc<dyn ImportBatchStore>,
    cache: Arc<dyn Cache>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
    config: ImportConfig,
}

impl std::fmt::Debug for ImportService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportService").field("config", &self.config).finish_non_exhaustive()
    }
}

impl ImportService {
    #[must_use]
    pub fn new(
        source: Arc<dyn SalesSource>,
        sink: Arc<dyn SalesSink>,
        store: Arc<dyn ImportBatchStore>,
        cache: Arc<dyn Cache>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        config: ImportConfig,
    ) -> Self {
        Self { source, sink, store, cache, clock, ids, config }
    }

    #[must_use]
    pub fn config(&self) -> &ImportConfig {
        &self.config
    }

    /// The batch, unless it expired.
    ///
    /// # Errors
    /// `NotFound`, `Expired`, `Store`.
    #[tracing::instrument(skip_all, fields(batch = %id), err)]
    pub async fn get(&self, _caller: &Principal, id: Uuid) -> Result<ImportBatch, ImportError> {
        let batch = self.store.get(id).await?;
        if batch.expires_at <= self.clock.now() {
            return Err(ImportError::Expired(id));
        }
        Ok(batch)
    }

    /// Discards a batch (committed or not; what was committed stays in the sales sink).
    ///
    /// # Errors
    /// `NotFound`, `Store`.
    #[tracing::instrument(skip_all, fields(batch = %id), err)]
    pub async fn discard(&self, _caller: &Principal, id: Uuid) -> Result<(), ImportError> {
        self.store.delete(id).await?;
        Ok(())
    }

    /// Deletes expired batches; returns how many (run periodically).
    ///
    /// # Errors
    /// `Store` when the store is unreachable.
    pub async fn purge_expired(&self) -> Result<u64, ImportError> {
        Ok(self.store.purge_expired(self.clock.now()).await?)
    }
}
