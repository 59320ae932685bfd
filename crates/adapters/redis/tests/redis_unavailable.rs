//! `RedisCache` when Redis is not there: a closed port, a server that never answers, a bad URL.

mod common;

use std::time::{Duration, Instant};

use adapter_redis::RedisCache;
use common::{SilentServer, free_port, url_for};
use ports::{Cache, CacheError, HealthProbe};

const TTL: Duration = Duration::from_secs(60);

fn assert_unavailable<T: std::fmt::Debug>(result: &Result<T, CacheError>) {
    assert!(matches!(result, Err(CacheError::Unavailable(_))), "expected Unavailable, got {result:?}");
}

#[tokio::test]
async fn construction_succeeds_without_a_server() {
    let cache = RedisCache::new(&url_for(free_port()), 4, Duration::from_millis(100));

    assert!(cache.is_ok(), "the pool connects lazily");
}

#[tokio::test]
async fn an_invalid_url_is_rejected() {
    for url in ["", "not a url", "http://127.0.0.1:6379", "redis://127.0.0.1:6379/not-a-db"] {
        let result = RedisCache::new(url, 4, Duration::from_millis(100));
        assert!(matches!(result, Err(CacheError::Rejected(_))), "{url:?} gave {result:?}");
    }
}

#[tokio::test]
async fn reasons_never_contain_the_password() {
    let url = format!("redis://user:s3cret-pw@127.0.0.1:{}", free_port());
    let cache = RedisCache::new(&url, 1, Duration::from_millis(500)).unwrap();

    let CacheError::Unavailable(reason) = cache.get("k").await.unwrap_err() else {
        panic!("expected Unavailable");
    };

    assert!(!reason.is_empty());
    assert!(!reason.contains("s3cret-pw"), "the reason leaks the password: {reason}");
    assert!(!format!("{cache:?}").contains("s3cret-pw"), "Debug leaks the password");
}

#[tokio::test]
async fn a_closed_port_fails_fast_with_unavailable() {
    // The timeout is long so that "fast" can only come from the refused connection.
    let cache = RedisCache::new(&url_for(free_port()), 2, Duration::from_secs(3)).unwrap();
    let started = Instant::now();

    assert_unavailable(&cache.get("sf:v1:test:closed:k").await);
    assert_unavailable(&cache.set("sf:v1:test:closed:k", b"v".to_vec(), TTL).await);
    assert_unavailable(&cache.invalidate_prefix("sf:v1:test:closed:").await);
    assert!(cache.check().await.is_err());

    assert!(started.elapsed() < Duration::from_secs(1), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_with_unavailable() {
    let silent = SilentServer::start().await;
    let timeout = Duration::from_millis(100);
    let cache = RedisCache::new(&silent.url(), 2, timeout).unwrap();

    for op in ["get", "set", "invalidate", "check"] {
        let started = Instant::now();
        let failed = match op {
            "get" => matches!(cache.get("sf:v1:test:silent:k").await, Err(CacheError::Unavailable(_))),
            "set" => matches!(cache.set("k", b"v".to_vec(), TTL).await, Err(CacheError::Unavailable(_))),
            "invalidate" => matches!(cache.invalidate_prefix("sf:v1:").await, Err(CacheError::Unavailable(_))),
            _ => cache.check().await.is_err(),
        };
        let elapsed = started.elapsed();
        assert!(failed, "{op} did not fail with Unavailable");
        assert!(elapsed >= timeout, "{op} gave up before the timeout: {elapsed:?}");
        assert!(elapsed < Duration::from_secs(1), "{op} took {elapsed:?} with a 100 ms timeout");
    }
}
