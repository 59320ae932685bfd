//! A bounded in-process cache with per-entry TTLs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use moka::Expiry;
use moka::future::Cache as Moka;
use ports::{Cache, CacheError, HealthProbe, ProbeError};

/// Limits of a [`MemoryCache`].
#[derive(Clone, Copy, Debug)]
pub struct MemoryCacheLimits {
    pub max_entries: u64,
    pub max_bytes: u64,
    /// Values larger than this are refused rather than evicting half the cache.
    pub max_value_bytes: u64,
}

impl Default for MemoryCacheLimits {
    fn default() -> Self {
        Self { max_entries: 10_000, max_bytes: 256 * 1024 * 1024, max_value_bytes: 16 * 1024 * 1024 }
    }
}

#[derive(Clone)]
struct Entry {
    value: Arc<Vec<u8>>,
    ttl: Duration,
}

struct PerEntryTtl;

impl Expiry<String, Entry> for PerEntryTtl {
    fn expire_after_create(&self, _key: &String, value: &Entry, _now: Instant) -> Option<Duration> {
        Some(value.ttl)
    }

    fn expire_after_update(
        &self,
        _key: &String,
        value: &Entry,
        _now: Instant,
        _current: Option<Duration>,
    ) -> Option<Duration> {
        Some(value.ttl)
    }
}

/// moka-backed cache bounded both by entry count and by bytes.
///
/// moka weighs entries on a single scale, so each entry weighs at least `max_bytes / max_entries`:
/// the byte budget then also caps the number of entries.
#[derive(Clone)]
pub struct MemoryCache {
    inner: Moka<String, Entry>,
    limits: MemoryCacheLimits,
}

impl std::fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCache").field("limits", &self.limits).finish_non_exhaustive()
    }
}

impl MemoryCache {
    #[must_use]
    pub fn new(limits: MemoryCacheLimits) -> Self {
        let floor = (limits.max_bytes / limits.max_entries.max(1)).max(1);
        let inner = Moka::builder()
            .max_capacity(limits.max_bytes)
            .weigher(move |key: &String, entry: &Entry| {
                let weight = (key.len() + entry.value.len()) as u64;
                u32::try_from(weight.max(floor)).unwrap_or(u32::MAX)
            })
            .expire_after(PerEntryTtl)
            .build();
        Self { inner, limits }
    }

    /// Number of live entries (after pending maintenance has run).
    pub async fn entry_count(&self) -> u64 {
        self.inner.run_pending_tasks().await;
        self.inner.entry_count()
    }
}

impl Default for MemoryCache {
    fn default() -> Self {
        Self::new(MemoryCacheLimits::default())
    }
}

#[async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, CacheError> {
        Ok(self.inner.get(key).await.map(|e| e.value.as_ref().clone()))
    }

    async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) -> Result<(), CacheError> {
        if value.len() as u64 > self.limits.max_value_bytes {
            return Err(CacheError::Rejected(format!("value of {} bytes exceeds the limit", value.len())));
        }
        self.inner.insert(key.to_owned(), Entry { value: Arc::new(value), ttl }).await;
        Ok(())
    }

    async fn invalidate_prefix(&self, prefix: &str) -> Result<u64, CacheError> {
        let keys: Vec<Arc<String>> = self.inner.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, _)| k).collect();
        for key in &keys {
            self.inner.invalidate(key.as_str()).await;
        }
        Ok(keys.len() as u64)
    }
}

#[async_trait]
impl HealthProbe for MemoryCache {
    async fn check(&self) -> Result<(), ProbeError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_expires_and_invalidates_by_prefix() {
        let cache = MemoryCache::default();
        cache.set("sf:v1:a:1", b"one".to_vec(), Duration::from_secs(60)).await.unwrap();
        cache.set("sf:v1:a:2", b"two".to_vec(), Duration::from_secs(60)).await.unwrap();
        cache.set("sf:v1:b:1", b"three".to_vec(), Duration::from_millis(1)).await.unwrap();
        assert_eq!(cache.get("sf:v1:a:1").await.unwrap().as_deref(), Some(&b"one"[..]));
        // moka expiry is checked on read against its own clock; 1 ms is long past after a yield.
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(cache.get("sf:v1:b:1").await.unwrap(), None);
        assert_eq!(cache.invalidate_prefix("sf:v1:a:").await.unwrap(), 2);
        assert_eq!(cache.get("sf:v1:a:2").await.unwrap(), None);
    }

    #[tokio::test]
    async fn is_bounded_by_entries_and_refuses_huge_values() {
        let cache = MemoryCache::new(MemoryCacheLimits { max_entries: 10, max_bytes: 10_000, max_value_bytes: 500 });
        for i in 0..100 {
            cache.set(&format!("k{i}"), vec![0; 10], Duration::from_secs(60)).await.unwrap();
        }
        assert!(cache.entry_count().await <= 10);
        assert!(matches!(cache.set("big", vec![0; 501], Duration::from_secs(1)).await, Err(CacheError::Rejected(_))));
    }
}
