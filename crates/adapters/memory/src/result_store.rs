//! `MemoryResultStore`: analytics snapshots in a map (tests and DEV without a disk).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use ports::{ResultStore, ResultStoreError, SnapshotKey, SnapshotMeta};

/// Keys in path order, which is time order within a type.
#[derive(Debug, Default)]
pub struct MemoryResultStore {
    items: Mutex<BTreeMap<String, (SnapshotKey, Vec<u8>)>>,
}

#[async_trait]
impl ResultStore for MemoryResultStore {
    async fn put(&self, key: &SnapshotKey, bytes: Vec<u8>) -> Result<SnapshotMeta, ResultStoreError> {
        let meta = SnapshotMeta { key: key.clone(), bytes: bytes.len() as u64 };
        self.items.lock().unwrap_or_else(PoisonError::into_inner).insert(key.path(), (key.clone(), bytes));
        Ok(meta)
    }

    async fn get(&self, key: &SnapshotKey) -> Result<Vec<u8>, ResultStoreError> {
        let items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        items.get(&key.path()).map(|(_, b)| b.clone()).ok_or_else(|| ResultStoreError::NotFound(key.clone()))
    }

    async fn list(&self, kind: &str, since: Option<DateTime<Utc>>) -> Result<Vec<SnapshotMeta>, ResultStoreError> {
        let items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out: Vec<SnapshotMeta> = items
            .values()
            .filter(|(k, _)| k.kind() == kind && since.is_none_or(|s| k.at() >= s))
            .map(|(k, b)| SnapshotMeta { key: k.clone(), bytes: b.len() as u64 })
            .collect();
        out.sort_by_key(|m| m.key.at());
        Ok(out)
    }

    fn describe(&self) -> String {
        "memory".to_owned()
    }
}
