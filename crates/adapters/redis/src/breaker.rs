//! The circuit breaker of [`crate::FallbackCache`]: when to skip the primary cache, and the
//! invalidations it missed while it was skipped.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::pending::PendingPrefixes;

/// The cache operation a call performs, used as the `op` metric label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Get,
    Set,
    Invalidate,
}

impl Op {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Get => "get",
            Self::Set => "set",
            Self::Invalidate => "invalidate",
        }
    }
}

#[derive(Debug, Default)]
struct State {
    /// `Some` while degraded: the primary is skipped until this instant.
    open_until: Option<Instant>,
    pending: PendingPrefixes,
}

/// Closed → (primary failure) → open for `retry_after` → half-open: one call probes the primary;
/// success closes the breaker, failure re-opens it.
#[derive(Debug)]
pub(crate) struct Breaker {
    retry_after: Duration,
    state: Mutex<State>,
}

impl Breaker {
    pub(crate) fn new(retry_after: Duration) -> Self {
        metrics::gauge!("cache_degraded").set(0.0);
        Self { retry_after, state: Mutex::new(State::default()) }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state stays consistent across a panic (every update is a single assignment).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether this call may use the primary. In the half-open state the first caller gets
    /// through and re-arms the delay, so the calls made while it probes use the fallback instead
    /// of all waiting on a primary that may still be down.
    pub(crate) fn admit(&self) -> bool {
        let mut state = self.state();
        match state.open_until {
            None => true,
            Some(until) => {
                let now = Instant::now();
                if now < until {
                    return false;
                }
                state.open_until = Some(now + self.retry_after);
                true
            }
        }
    }

    pub(crate) fn is_degraded(&self) -> bool {
        self.state().open_until.is_some()
    }

    /// The primary answered: close the breaker.
    pub(crate) fn record_success(&self) {
        let was_open = self.state().open_until.take().is_some();
        if was_open {
            metrics::gauge!("cache_degraded").set(0.0);
            tracing::info!("cache backend recovered");
        }
    }

    /// The primary failed `op`: open the breaker for `retry_after`. Warns once per outage.
    pub(crate) fn record_failure(&self, op: Op, reason: &str) {
        metrics::counter!("cache_backend_errors_total", "op" => op.label()).increment(1);
        let was_open = self.state().open_until.replace(Instant::now() + self.retry_after).is_some();
        if was_open {
            tracing::debug!(op = op.label(), reason, "cache backend still unavailable");
        } else {
            metrics::gauge!("cache_degraded").set(1.0);
            tracing::warn!(
                op = op.label(),
                reason,
                retry_after_ms = self.retry_after.as_millis(),
                "cache backend unavailable, serving from the in-process fallback"
            );
        }
    }

    pub(crate) fn add_pending(&self, prefix: &str) {
        self.state().pending.add(prefix);
    }

    pub(crate) fn pending_len(&self) -> usize {
        self.state().pending.len()
    }

    /// The pending invalidations to replay, or `None` when there are none.
    pub(crate) fn pending_snapshot(&self) -> Option<Vec<(String, u64)>> {
        let state = self.state();
        if state.pending.is_empty() { None } else { Some(state.pending.snapshot()) }
    }

    pub(crate) fn replayed(&self, prefix: &str, version: u64) {
        self.state().pending.replayed(prefix, version);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_on_failure_and_closes_on_success() {
        let breaker = Breaker::new(Duration::from_secs(3600));
        assert!(breaker.admit());
        assert!(!breaker.is_degraded());
        breaker.record_failure(Op::Get, "down");
        assert!(breaker.is_degraded());
        assert!(!breaker.admit(), "an open breaker skips the primary");
        breaker.record_success();
        assert!(!breaker.is_degraded());
        assert!(breaker.admit());
    }

    #[test]
    fn half_open_admits_one_probe_per_delay() {
        let breaker = Breaker::new(Duration::ZERO);
        breaker.record_failure(Op::Set, "down");
        assert!(breaker.admit(), "with no delay the next call probes the primary");
        assert!(breaker.is_degraded(), "a probe alone does not close the breaker");

        let breaker = Breaker::new(Duration::from_secs(3600));
        breaker.state().open_until = Some(Instant::now());
        assert!(breaker.admit(), "the first call after the delay probes");
        assert!(!breaker.admit(), "calls made during the probe use the fallback");
    }
}
