//! Cache-aside with typed values and a stampede guard.
//!
//! Values round-trip through their own type (serde, in the compact binary postcard format, which
//! decodes several times faster than JSON on the hot cache-hit path), so what is read back is
//! exactly what was computed; the upstream cached `str(model)` and never hit. Concurrent misses of one key
//! compute once: the first caller computes while the others wait on a per-key async lock and
//! then read its result from the cache. A cache that fails is treated as a miss: caching never
//! fails a request.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::lock::Mutex as AsyncMutex;
use ports::Cache;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::cache_keys::CacheScope;

/// Typed get-or-compute over a [`Cache`].
pub struct CacheAside {
    cache: Arc<dyn Cache>,
    inflight: Mutex<HashMap<String, Arc<AsyncMutex<()>>>>,
}

impl std::fmt::Debug for CacheAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CacheAside").finish_non_exhaustive()
    }
}

fn count(scope: CacheScope, result: &'static str) {
    metrics::counter!("cache_requests_total", "scope" => scope.as_str(), "result" => result).increment(1);
}

impl CacheAside {
    #[must_use]
    pub fn new(cache: Arc<dyn Cache>) -> Self {
        Self { cache, inflight: Mutex::new(HashMap::new()) }
    }

    async fn read<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        match self.cache.get(key).await {
            Ok(Some(bytes)) => match postcard::from_bytes(&bytes) {
                Ok(value) => Some(value),
                Err(e) => {
                    // A value of an older shape: recompute rather than fail.
                    tracing::warn!(key, error = %e, "cached value does not decode; recomputing");
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(key, error = %e, "cache read failed; computing instead");
                None
            }
        }
    }

    async fn write<T: Serialize>(&self, key: &str, value: &T, ttl: Duration) {
        match postcard::to_stdvec(value) {
            Ok(bytes) => {
                if let Err(e) = self.cache.set(key, bytes, ttl).await {
                    tracing::warn!(key, error = %e, "cache write failed");
                }
            }
            Err(e) => tracing::warn!(key, error = %e, "value cannot be cached"),
        }
    }

    fn lock_for(&self, key: &str) -> Arc<AsyncMutex<()>> {
        let mut inflight = self.inflight.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(inflight.entry(key.to_owned()).or_default())
    }

    fn release(&self, key: &str, lock: &Arc<AsyncMutex<()>>) {
        let mut inflight = self.inflight.lock().unwrap_or_else(PoisonError::into_inner);
        // Ours and the map's: nobody else waits, so the entry can go.
        if Arc::strong_count(lock) <= 2 {
            inflight.remove(key);
        }
    }

    /// The cached value of `key`, or `compute()`'s, stored for `ttl`. Errors of `compute` are
    /// returned and not cached.
    ///
    /// # Errors
    /// Whatever `compute` returns.
    pub async fn get_or_compute<T, E, F, Fut>(
        &self,
        scope: CacheScope,
        key: &str,
        ttl: Duration,
        compute: F,
    ) -> Result<T, E>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        if let Some(value) = self.read(key).await {
            count(scope, "hit");
            return Ok(value);
        }
        let lock = self.lock_for(key);
        let result = {
            let _guard = lock.lock().await;
            // Another caller may have computed it while we waited.
            if let Some(value) = self.read(key).await {
                count(scope, "hit");
                Ok(value)
            } else {
                count(scope, "miss");
                let computed = compute().await;
                if let Ok(value) = &computed {
                    self.write(key, value, ttl).await;
                }
                computed
            }
        };
        self.release(key, &lock);
        result
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use adapter_memory::MemoryCache;
    use ports::{CacheError, MockCache};

    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Report {
        total: i64,
        items: Vec<String>,
    }

    #[tokio::test]
    async fn values_round_trip_through_their_type_and_hit_the_second_time() {
        let aside = CacheAside::new(Arc::new(MemoryCache::default()));
        let calls = AtomicUsize::new(0);
        for _ in 0..3 {
            let got: Result<Report, ()> = aside
                .get_or_compute(CacheScope::Analytics, "k", Duration::from_secs(60), || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    Ok(Report { total: 42, items: vec!["a".into()] })
                })
                .await;
            assert_eq!(got.unwrap(), Report { total: 42, items: vec!["a".into()] });
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_misses_of_one_key_compute_once() {
        let aside = Arc::new(CacheAside::new(Arc::new(MemoryCache::default())));
        let calls = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (aside, calls) = (Arc::clone(&aside), Arc::clone(&calls));
                tokio::spawn(async move {
                    aside
                        .get_or_compute(CacheScope::Analytics, "hot", Duration::from_secs(60), || async move {
                            calls.fetch_add(1, Ordering::SeqCst);
                            // A slow computation: without the guard the others would start theirs.
                            for _ in 0..50 {
                                tokio::task::yield_now().await;
                            }
                            Ok::<_, ()>(7_u32)
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Ok(7));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(aside.inflight.lock().unwrap().is_empty(), "locks are released");
    }

    #[tokio::test]
    async fn a_failing_cache_never_fails_the_request_and_errors_are_not_cached() {
        let mut cache = MockCache::new();
        cache.expect_get().returning(|_| Err(CacheError::Unavailable("down".into())));
        cache.expect_set().returning(|_, _, _| Err(CacheError::Unavailable("down".into())));
        let aside = CacheAside::new(Arc::new(cache));
        let got: Result<u8, &str> =
            aside.get_or_compute(CacheScope::Ml, "k", Duration::from_secs(1), || async { Ok(1) }).await;
        assert_eq!(got, Ok(1));
        let aside = CacheAside::new(Arc::new(MemoryCache::default()));
        let failed: Result<u8, &str> =
            aside.get_or_compute(CacheScope::Ml, "k", Duration::from_secs(9), || async { Err("boom") }).await;
        assert_eq!(failed, Err("boom"));
        let ok: Result<u8, &str> =
            aside.get_or_compute(CacheScope::Ml, "k", Duration::from_secs(9), || async { Ok(2) }).await;
        assert_eq!(ok, Ok(2));
    }
}
