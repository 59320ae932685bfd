//! `FallbackCache`'s breaker, replay and metrics, driven by a primary whose failures the test
//! switches on and off.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use adapter_memory::MemoryCache;
use adapter_redis::FallbackCache;
use async_trait::async_trait;
use common::recorder::CapturingRecorder;
use ports::{Cache, CacheError};

const TTL: Duration = Duration::from_secs(60);

/// A memory cache that fails with `Unavailable` while `down` (its invalidations also while
/// `invalidate_down`), counting the calls that reached it.
#[derive(Debug, Default)]
struct SwitchableCache {
    inner: MemoryCache,
    down: AtomicBool,
    invalidate_down: AtomicBool,
    calls: AtomicUsize,
}

impl SwitchableCache {
    fn reach(&self, invalidation: bool) -> Result<(), CacheError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let down = self.down.load(Ordering::SeqCst) || (invalidation && self.invalidate_down.load(Ordering::SeqCst));
        if down { Err(CacheError::Unavailable("switched off".to_owned())) } else { Ok(()) }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Cache for SwitchableCache {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, CacheError> {
        self.reach(false)?;
        self.inner.get(key).await
    }

    async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) -> Result<(), CacheError> {
        self.reach(false)?;
        self.inner.set(key, value, ttl).await
    }

    async fn invalidate_prefix(&self, prefix: &str) -> Result<u64, CacheError> {
        self.reach(true)?;
        self.inner.invalidate_prefix(prefix).await
    }
}

fn fallback_cache(retry_after: Duration) -> (Arc<SwitchableCache>, Arc<MemoryCache>, FallbackCache) {
    let primary = Arc::new(SwitchableCache::default());
    let memory = Arc::new(MemoryCache::default());
    let cache =
        FallbackCache::new(Arc::clone(&primary) as Arc<dyn Cache>, Arc::clone(&memory) as Arc<dyn Cache>, retry_after);
    (primary, memory, cache)
}

#[tokio::test]
async fn an_open_breaker_skips_the_primary_until_retry_after() {
    let (primary, memory, cache) = fallback_cache(Duration::from_secs(3600));
    primary.down.store(true, Ordering::SeqCst);

    cache.set("sf:v1:t:a", b"1".to_vec(), TTL).await.unwrap();
    primary.down.store(false, Ordering::SeqCst);
    cache.set("sf:v1:t:b", b"2".to_vec(), TTL).await.unwrap();
    assert_eq!(cache.get("sf:v1:t:b").await.unwrap().as_deref(), Some(&b"2"[..]));

    assert_eq!(primary.calls(), 1, "only the first call reached the primary");
    assert!(cache.is_degraded());
    assert_eq!(memory.get("sf:v1:t:b").await.unwrap().as_deref(), Some(&b"2"[..]));
}

#[tokio::test]
async fn a_failed_replay_keeps_the_cache_degraded() {
    let (primary, memory, cache) = fallback_cache(Duration::ZERO);
    cache.set("sf:v1:t:old", b"old".to_vec(), TTL).await.unwrap();
    primary.down.store(true, Ordering::SeqCst);
    assert_eq!(cache.invalidate_prefix("sf:v1:t:").await.unwrap(), 0);
    assert_eq!(cache.pending_invalidations(), 1);

    // Reads would work again, but the missed invalidation cannot be replayed yet.
    primary.down.store(false, Ordering::SeqCst);
    primary.invalidate_down.store(true, Ordering::SeqCst);
    memory.set("sf:v1:t:old", b"from-memory".to_vec(), TTL).await.unwrap();
    assert_eq!(cache.get("sf:v1:t:old").await.unwrap().as_deref(), Some(&b"from-memory"[..]));
    assert!(cache.is_degraded());
    assert_eq!(cache.pending_invalidations(), 1);

    primary.invalidate_down.store(false, Ordering::SeqCst);
    assert_eq!(cache.get("sf:v1:t:old").await.unwrap(), None, "replayed, then read from the primary");
    assert!(!cache.is_degraded());
    assert_eq!(cache.pending_invalidations(), 0);
}

#[tokio::test]
async fn invalidate_counts_both_caches() {
    let (primary, _memory, cache) = fallback_cache(Duration::ZERO);
    cache.set("sf:v1:t:1", b"p".to_vec(), TTL).await.unwrap();
    primary.down.store(true, Ordering::SeqCst);
    cache.set("sf:v1:t:2", b"m".to_vec(), TTL).await.unwrap();
    primary.down.store(false, Ordering::SeqCst);

    // The primary (back, nothing pending) holds `1`; the fallback holds `2`, written during the outage.
    assert_eq!(cache.invalidate_prefix("sf:v1:t:").await.unwrap(), 2);
    assert_eq!(cache.get("sf:v1:t:1").await.unwrap(), None);
    assert_eq!(cache.get("sf:v1:t:2").await.unwrap(), None);
}

#[tokio::test]
async fn rejected_values_are_returned_without_degrading() {
    let primary = Arc::new(MemoryCache::new(adapter_memory::MemoryCacheLimits {
        max_entries: 10,
        max_bytes: 10_000,
        max_value_bytes: 4,
    }));
    let cache = FallbackCache::new(primary, Arc::new(MemoryCache::default()), Duration::ZERO);

    let result = cache.set("sf:v1:t:big", vec![0; 5], TTL).await;

    assert!(matches!(result, Err(CacheError::Rejected(_))), "got {result:?}");
    assert!(!cache.is_degraded(), "a refused value is not an outage");
}

#[tokio::test]
async fn reports_fallback_use_backend_errors_and_degradation() {
    let recorder = CapturingRecorder::default();
    let _guard = metrics::set_default_local_recorder(&recorder);
    let (primary, _memory, cache) = fallback_cache(Duration::ZERO);
    assert_eq!(recorder.value("cache_degraded"), Some(0.0));

    primary.down.store(true, Ordering::SeqCst);
    cache.get("sf:v1:t:k").await.unwrap();
    cache.set("sf:v1:t:k", b"v".to_vec(), TTL).await.unwrap();
    cache.invalidate_prefix("sf:v1:t:").await.unwrap();

    assert_eq!(recorder.value("cache_degraded"), Some(1.0));
    for op in ["get", "set", "invalidate"] {
        assert_eq!(recorder.value(&format!("cache_fallback_total{{op=\"{op}\"}}")), Some(1.0), "{op}");
        assert_eq!(recorder.value(&format!("cache_backend_errors_total{{op=\"{op}\"}}")), Some(1.0), "{op}");
    }

    primary.down.store(false, Ordering::SeqCst);
    cache.get("sf:v1:t:k").await.unwrap();

    assert_eq!(recorder.value("cache_degraded"), Some(0.0));
    assert_eq!(recorder.value("cache_fallback_total{op=\"get\"}"), Some(1.0), "served by the primary");
}
