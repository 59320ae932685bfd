//! Use case: drop cached values, one scope or all of them (an operator action, and what an import
//! triggers for analytics).

use ports::{Cache, CacheError};

use crate::cache_keys::{CacheKeys, CacheScope};

/// Removes every cached value of `scope`, or of every scope when `None`; returns how many.
///
/// # Errors
/// When the cache backend is unreachable (the caller decides whether that matters).
#[tracing::instrument(skip_all, fields(scope = scope.map(CacheScope::as_str)), err)]
pub async fn invalidate_cache(cache: &dyn Cache, scope: Option<CacheScope>) -> Result<u64, CacheError> {
    let prefix = scope.map_or_else(CacheKeys::root, CacheKeys::scope_prefix);
    let removed = cache.invalidate_prefix(&prefix).await?;
    tracing::info!(removed, "cache invalidated");
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use adapter_memory::MemoryCache;
    use ports::MockCache;

    use super::*;

    #[tokio::test]
    async fn removes_only_the_requested_scope() {
        let cache = MemoryCache::default();
        let ttl = Duration::from_secs(60);
        cache.set(&CacheKeys::key(CacheScope::Analytics, &["a"]), vec![1], ttl).await.unwrap();
        cache.set(&CacheKeys::key(CacheScope::Ml, &["b"]), vec![2], ttl).await.unwrap();
        assert_eq!(invalidate_cache(&cache, Some(CacheScope::Analytics)).await.unwrap(), 1);
        assert!(cache.get(&CacheKeys::key(CacheScope::Ml, &["b"])).await.unwrap().is_some());
        assert_eq!(invalidate_cache(&cache, None).await.unwrap(), 1);
    }

    #[tokio::test]
    async fn asks_the_backend_with_the_versioned_prefix_once() {
        let mut cache = MockCache::new();
        cache.expect_invalidate_prefix().withf(|p| p == "sf:v1:ml:").times(1).returning(|_| Ok(3));
        assert_eq!(invalidate_cache(&cache, Some(CacheScope::Ml)).await.unwrap(), 3);
    }
}
