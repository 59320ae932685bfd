//! Import batches in memory (DEV and tests): the port's full contract, lost on restart.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{BatchStoreError, CommitProgress, ImportBatch, ImportBatchStore};

/// Batches behind one mutex (a batch is written a few times per commit, never hot).
#[derive(Debug, Default)]
pub struct MemoryImportBatchStore {
    batches: Mutex<HashMap<Uuid, ImportBatch>>,
}

impl MemoryImportBatchStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, ImportBatch>> {
        self.batches.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[async_trait]
impl ImportBatchStore for MemoryImportBatchStore {
    async fn create(&self, batch: &ImportBatch) -> Result<(), BatchStoreError> {
        self.lock().insert(batch.id, batch.clone());
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<ImportBatch, BatchStoreError> {
        self.lock().get(&id).cloned().ok_or(BatchStoreError::NotFound(id))
    }

    async fn save_commit(
        &self,
        id: Uuid,
        expected_version: u64,
        commit: &CommitProgress,
    ) -> Result<u64, BatchStoreError> {
        let mut batches = self.lock();
        let batch = batches.get_mut(&id).ok_or(BatchStoreError::NotFound(id))?;
        if batch.version != expected_version {
            return Err(BatchStoreError::Conflict(id));
        }
        batch.commit = Some(commit.clone());
        batch.version += 1;
        Ok(batch.version)
    }

    async fn delete(&self, id: Uuid) -> Result<(), BatchStoreError> {
        self.lock().remove(&id).map(drop).ok_or(BatchStoreError::NotFound(id))
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BatchStoreError> {
        let mut batches = self.lock();
        let before = batches.len();
        batches.retain(|_, b| b.expires_at > now);
        Ok((before - batches.len()) as u64)
    }
}
