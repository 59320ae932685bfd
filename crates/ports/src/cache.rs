//! `Cache`: a byte cache with TTLs, used cache-aside by the analytics pipelines.

use std::time::Duration;

use async_trait::async_trait;

/// Why a cache operation failed. Callers treat every cache error as a miss: a cache must never
/// fail a request.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("the cache is unavailable: {0}")]
    Unavailable(String),
    #[error("the cache refused the value: {0}")]
    Rejected(String),
}

/// A key-value cache. Keys are namespaced and versioned by the caller (`sf:v1:analytics:…`).
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait Cache: Send + Sync {
    /// The value stored under `key`, or `None` when absent or expired.
    ///
    /// # Errors
    /// MUST return `Unavailable` when the backend cannot be reached within its timeout.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, CacheError>;

    /// Stores `value` under `key` for `ttl`.
    ///
    /// # Errors
    /// `Unavailable` as for `get`; `Rejected` when the value is larger than the cache accepts.
    async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) -> Result<(), CacheError>;

    /// Removes every key starting with `prefix` and returns how many were removed (best effort
    /// for backends that cannot count exactly).
    ///
    /// # Errors
    /// `Unavailable` as for `get`.
    async fn invalidate_prefix(&self, prefix: &str) -> Result<u64, CacheError>;
}
