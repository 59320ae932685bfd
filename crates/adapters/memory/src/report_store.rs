//! Report artifacts kept in memory.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use ports::{ArtifactKey, ArtifactMeta, ReportStore, ReportStoreError};

/// An artifact's bytes and when they were stored.
type Stored = (Arc<Vec<u8>>, DateTime<Utc>);

/// A [`ReportStore`] over a sorted map; `put` replaces whole values, so it is atomic.
#[derive(Default)]
pub struct MemoryReportStore {
    items: RwLock<BTreeMap<String, Stored>>,
    clock: Option<Arc<dyn ports::Clock>>,
}

impl MemoryReportStore {
    /// Stamps `modified` from `clock` instead of the Unix epoch.
    #[must_use]
    pub fn with_clock(clock: Arc<dyn ports::Clock>) -> Self {
        Self { items: RwLock::default(), clock: Some(clock) }
    }

    fn meta(key: &str, bytes: &[u8], modified: DateTime<Utc>) -> Result<ArtifactMeta, ReportStoreError> {
        let key = ArtifactKey::parse(key).map_err(|e| ReportStoreError::Unavailable(e.to_string()))?;
        Ok(ArtifactMeta { key, bytes: bytes.len() as u64, modified })
    }
}

impl std::fmt::Debug for MemoryReportStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.items.read().map_or(0, |i| i.len());
        f.debug_struct("MemoryReportStore").field("artifacts", &count).finish_non_exhaustive()
    }
}

#[async_trait]
impl ReportStore for MemoryReportStore {
    async fn put(&self, key: &ArtifactKey, bytes: Vec<u8>) -> Result<ArtifactMeta, ReportStoreError> {
        let modified = self.clock.as_ref().map_or(DateTime::UNIX_EPOCH, |c| c.now());
        let meta = Self::meta(key.as_str(), &bytes, modified)?;
        let mut items = self.items.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        items.insert(key.as_str().to_owned(), (Arc::new(bytes), modified));
        Ok(meta)
    }

    async fn get(&self, key: &ArtifactKey) -> Result<Vec<u8>, ReportStoreError> {
        let items = self.items.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        items.get(key.as_str()).map(|(b, _)| b.as_ref().clone()).ok_or_else(|| ReportStoreError::NotFound(key.clone()))
    }

    async fn delete(&self, key: &ArtifactKey) -> Result<(), ReportStoreError> {
        self.items.write().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key.as_str());
        Ok(())
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ArtifactMeta>, ReportStoreError> {
        let items = self.items.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        items
            .range(prefix.to_owned()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, (b, at))| Self::meta(k, b, *at))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn put_get_list_delete() {
        let store = MemoryReportStore::default();
        let a = ArtifactKey::parse("reports/a.pdf").unwrap();
        let b = ArtifactKey::parse("reports/b.xlsx").unwrap();
        store.put(&a, vec![1, 2, 3]).await.unwrap();
        store.put(&b, vec![4]).await.unwrap();
        store.put(&ArtifactKey::parse("other/c").unwrap(), vec![]).await.unwrap();
        assert_eq!(store.get(&a).await.unwrap(), vec![1, 2, 3]);
        let listed: Vec<_> = store.list("reports/").await.unwrap().into_iter().map(|m| (m.key, m.bytes)).collect();
        assert_eq!(listed, vec![(a.clone(), 3), (b, 1)]);
        store.delete(&a).await.unwrap();
        assert!(matches!(store.get(&a).await, Err(ReportStoreError::NotFound(_))));
    }
}
