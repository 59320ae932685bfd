//! `CrmRunStore` in memory: the run history of one process (DEV and tests), lost on restart.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use domain::Uuid;
use ports::{CrmRunStore, RunRecord, RunStoreError};

/// Runs sorted newest first, pruned on every save.
#[derive(Debug, Default)]
pub struct MemoryCrmRunStore {
    runs: Mutex<Vec<RunRecord>>,
}

#[async_trait]
impl CrmRunStore for MemoryCrmRunStore {
    async fn save(&self, run: &RunRecord, keep: u32) -> Result<(), RunStoreError> {
        let mut runs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        runs.retain(|r| r.id != run.id);
        runs.push(run.clone());
        runs.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(b.id.cmp(&a.id)));
        runs.truncate(usize::try_from(keep.max(1)).unwrap_or(usize::MAX));
        Ok(())
    }

    async fn get(&self, id: Uuid) -> Result<RunRecord, RunStoreError> {
        let runs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        runs.iter().find(|r| r.id == id).cloned().ok_or(RunStoreError::NotFound(id))
    }

    async fn list(&self, limit: u32) -> Result<Vec<RunRecord>, RunStoreError> {
        let runs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(runs.iter().take(usize::try_from(limit).unwrap_or(usize::MAX)).cloned().collect())
    }
}
