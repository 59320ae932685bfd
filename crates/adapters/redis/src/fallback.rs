//! A cache that prefers a primary (Redis) and falls back, per call, to another (in-process) one.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use ports::{Cache, CacheError, HealthProbe, ProbeError};

use crate::breaker::{Breaker, Op};

/// The key the health probe reads from the primary: a read is the one round trip every [`Cache`]
/// offers, and a miss is a healthy answer.
const HEALTH_KEY: &str = "sf:v1:health:cache-probe";

/// A [`Cache`] that uses `primary` while it answers and `fallback` while it does not, so callers
/// never see an error because the primary is down.
///
/// - After a primary failure (`CacheError::Unavailable`) calls skip the primary for
///   `retry_after`; the first call after that probes it again. Success closes the breaker.
/// - `CacheError::Rejected` from the primary is not an outage: it is returned to the caller
///   (the fallback would refuse the same value) and leaves the breaker as it is.
/// - `invalidate_prefix` always invalidates the fallback. A prefix the primary could not
///   invalidate is kept pending and replayed on the primary before its next operation; until the
///   replay succeeds the primary is not used, so it never serves a value invalidated during an
///   outage.
///
/// Metrics: `cache_fallback_total{op}` counts operations served without the primary (for
/// `invalidate`: the primary could not be reached), `cache_backend_errors_total{op}` counts
/// primary failures, and the gauge `cache_degraded` is 1 while the breaker is open.
pub struct FallbackCache {
    primary: Arc<dyn Cache>,
    fallback: Arc<dyn Cache>,
    breaker: Breaker,
}

impl std::fmt::Debug for FallbackCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FallbackCache").field("breaker", &self.breaker).finish_non_exhaustive()
    }
}

impl FallbackCache {
    #[must_use]
    pub fn new(primary: Arc<dyn Cache>, fallback: Arc<dyn Cache>, retry_after: Duration) -> Self {
        Self { primary, fallback, breaker: Breaker::new(retry_after) }
    }

    /// Whether the breaker is open: calls currently go to the fallback.
    #[must_use]
    pub fn is_degraded(&self) -> bool {
        self.breaker.is_degraded()
    }

    /// How many prefix invalidations still have to be replayed on the primary.
    #[must_use]
    pub fn pending_invalidations(&self) -> usize {
        self.breaker.pending_len()
    }

    /// Runs `call` on the primary when the breaker allows it, after replaying the pending
    /// invalidations. `Ok(None)` means the primary was skipped or failed: use the fallback.
    async fn try_primary<T, F, Fut>(&self, op: Op, call: F) -> Result<Option<T>, CacheError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, CacheError>>,
    {
        if !self.breaker.admit() {
            return Ok(None);
        }
        if let Err(reason) = self.replay_pending().await {
            self.breaker.record_failure(Op::Invalidate, &reason);
            return Ok(None);
        }
        match call().await {
            Ok(value) => {
                self.breaker.record_success();
                Ok(Some(value))
            }
            Err(CacheError::Unavailable(reason)) => {
                self.breaker.record_failure(op, &reason);
                Ok(None)
            }
            Err(rejected @ CacheError::Rejected(_)) => Err(rejected),
        }
    }

    /// Replays every pending invalidation on the primary; stops at the first that fails.
    async fn replay_pending(&self) -> Result<(), String> {
        let Some(pending) = self.breaker.pending_snapshot() else {
            return Ok(());
        };
        for (prefix, version) in pending {
            match self.primary.invalidate_prefix(&prefix).await {
                Ok(removed) => {
                    tracing::info!(prefix, removed, "replayed a cache invalidation missed during the outage");
                }
                // It would be refused forever: keeping it would keep the primary out for good.
                Err(CacheError::Rejected(reason)) => {
                    tracing::warn!(prefix, reason, "the cache backend refused a replayed invalidation; dropped");
                }
                Err(CacheError::Unavailable(reason)) => return Err(reason),
            }
            self.breaker.replayed(&prefix, version);
        }
        Ok(())
    }

    fn served_by_fallback(op: Op) {
        metrics::counter!("cache_fallback_total", "op" => op.label()).increment(1);
    }
}

#[async_trait]
impl Cache for FallbackCache {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, CacheError> {
        if let Some(value) = self.try_primary(Op::Get, || self.primary.get(key)).await? {
            return Ok(value);
        }
        Self::served_by_fallback(Op::Get);
        self.fallback.get(key).await
    }

    async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) -> Result<(), CacheError> {
        // The clone is made only when the primary is tried: the fallback may still need `value`.
        if self.try_primary(Op::Set, || self.primary.set(key, value.clone(), ttl)).await?.is_some() {
            return Ok(());
        }
        Self::served_by_fallback(Op::Set);
        self.fallback.set(key, value, ttl).await
    }

    async fn invalidate_prefix(&self, prefix: &str) -> Result<u64, CacheError> {
        let primary = self.try_primary(Op::Invalidate, || self.primary.invalidate_prefix(prefix)).await;
        if matches!(primary, Ok(None)) {
            self.breaker.add_pending(prefix);
            Self::served_by_fallback(Op::Invalidate);
        }
        // The fallback may hold values written during an outage, whatever the primary did.
        let from_fallback = self.fallback.invalidate_prefix(prefix).await?;
        Ok(from_fallback + primary?.unwrap_or(0))
    }
}

#[async_trait]
impl HealthProbe for FallbackCache {
    /// Reports the primary's health (the fallback is in-process and always up); it does not move
    /// the breaker, so readiness checks cannot change which cache serves the calls.
    async fn check(&self) -> Result<(), ProbeError> {
        match self.primary.get(HEALTH_KEY).await {
            Ok(_) => Ok(()),
            Err(e) => Err(ProbeError(format!("primary cache: {e}"))),
        }
    }
}
