//! `FallbackCache` with a real Redis as primary and the in-process `MemoryCache` as fallback.

mod common;

use std::sync::Arc;
use std::time::Duration;

use adapter_memory::MemoryCache;
use adapter_redis::{FallbackCache, RedisCache};
use common::{RedisServer, unique_prefix};
use deadpool_redis::redis;
use ports::{Cache, HealthProbe};

const TTL: Duration = Duration::from_secs(60);
const NEVER_RETRY: Duration = Duration::from_secs(3600);

struct Setup {
    server: RedisServer,
    memory: Arc<MemoryCache>,
    cache: FallbackCache,
}

fn setup(retry_after: Duration) -> Setup {
    let server = RedisServer::start();
    let redis = RedisCache::new(&server.url(), 4, Duration::from_millis(500)).expect("a valid Redis URL");
    let memory = Arc::new(MemoryCache::default());
    let cache = FallbackCache::new(Arc::new(redis), Arc::clone(&memory) as Arc<dyn Cache>, retry_after);
    Setup { server, memory, cache }
}

async fn in_redis(server: &RedisServer, key: &str) -> Option<Vec<u8>> {
    server.query(redis::cmd("GET").arg(key)).await
}

#[tokio::test]
async fn uses_redis_while_it_is_up() {
    let Setup { server, memory, cache } = setup(NEVER_RETRY);
    let prefix = unique_prefix("fallback-up");
    let key = format!("{prefix}k");

    cache.set(&key, b"v".to_vec(), TTL).await.unwrap();

    assert_eq!(in_redis(&server, &key).await.as_deref(), Some(&b"v"[..]));
    assert_eq!(memory.get(&key).await.unwrap(), None, "the fallback is not written while Redis is up");
    assert_eq!(cache.get(&key).await.unwrap().as_deref(), Some(&b"v"[..]));
    assert_eq!(cache.invalidate_prefix(&prefix).await.unwrap(), 1);
    assert_eq!(in_redis(&server, &key).await, None);
    assert!(!cache.is_degraded());
    cache.check().await.unwrap();
}

#[tokio::test]
async fn serves_from_memory_while_redis_is_down() {
    let Setup { mut server, memory, cache } = setup(NEVER_RETRY);
    let prefix = unique_prefix("fallback-down");
    let (key, other) = (format!("{prefix}k"), format!("{prefix}other"));
    server.stop();

    cache.set(&key, b"v".to_vec(), TTL).await.unwrap();
    assert!(cache.is_degraded());
    assert_eq!(cache.get(&key).await.unwrap().as_deref(), Some(&b"v"[..]));
    assert_eq!(memory.get(&key).await.unwrap().as_deref(), Some(&b"v"[..]), "served by the memory cache");
    assert_eq!(cache.invalidate_prefix(&prefix).await.unwrap(), 1);
    assert_eq!(memory.get(&key).await.unwrap(), None);
    assert_eq!(cache.pending_invalidations(), 1);
    assert!(cache.check().await.is_err(), "the probe reports the primary down");

    // While the breaker is open the primary is skipped even though it is back.
    server.restart();
    cache.set(&other, b"w".to_vec(), TTL).await.unwrap();
    assert!(cache.is_degraded());
    assert_eq!(in_redis(&server, &other).await, None);
    assert_eq!(memory.get(&other).await.unwrap().as_deref(), Some(&b"w"[..]));
}

#[tokio::test]
async fn returns_to_redis_once_it_recovers() {
    let Setup { mut server, memory, cache } = setup(Duration::ZERO);
    let prefix = unique_prefix("fallback-recover");
    let (during, after) = (format!("{prefix}during"), format!("{prefix}after"));

    server.stop();
    cache.set(&during, b"1".to_vec(), TTL).await.unwrap();
    assert!(cache.is_degraded());
    assert_eq!(memory.get(&during).await.unwrap().as_deref(), Some(&b"1"[..]));

    server.restart();
    cache.set(&after, b"2".to_vec(), TTL).await.unwrap();

    assert!(!cache.is_degraded());
    assert_eq!(in_redis(&server, &after).await.as_deref(), Some(&b"2"[..]), "the write went to Redis");
    assert_eq!(memory.get(&after).await.unwrap(), None);
    cache.check().await.unwrap();
}

#[tokio::test]
async fn replays_an_invalidation_missed_during_the_outage() {
    let Setup { mut server, memory, cache } = setup(Duration::ZERO);
    let prefix = unique_prefix("fallback-replay");
    let (stale, unrelated) = (format!("{prefix}stale"), format!("{}k", unique_prefix("fallback-unrelated")));
    // Redis keeps its data across the simulated outage: persist it with an RDB snapshot.
    cache.set(&stale, b"old".to_vec(), TTL).await.unwrap();
    cache.set(&unrelated, b"keep".to_vec(), TTL).await.unwrap();
    server.snapshot().await;

    server.stop();
    cache.invalidate_prefix(&prefix).await.unwrap();
    assert_eq!(cache.pending_invalidations(), 1);
    server.restart();
    assert_eq!(in_redis(&server, &stale).await.as_deref(), Some(&b"old"[..]), "the snapshot restored the key");

    assert_eq!(cache.get(&stale).await.unwrap(), None, "the stale value must not be served");
    assert_eq!(in_redis(&server, &stale).await, None, "the invalidation was replayed on Redis");
    assert_eq!(cache.get(&unrelated).await.unwrap().as_deref(), Some(&b"keep"[..]));
    assert_eq!(cache.pending_invalidations(), 0);
    assert!(!cache.is_degraded());
    assert_eq!(memory.get(&stale).await.unwrap(), None);
}
