//! `RedisCache` against a private `redis-server`.

mod common;

use std::time::Duration;

use adapter_redis::RedisCache;
use common::{RedisServer, unique_prefix};
use deadpool_redis::redis;
use ports::{Cache, HealthProbe};

const TTL: Duration = Duration::from_secs(90);

fn cache_for(server: &RedisServer) -> RedisCache {
    RedisCache::new(&server.url(), 4, Duration::from_secs(2)).expect("a valid Redis URL")
}

#[tokio::test]
async fn set_then_get_round_trips_binary_values() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let key = format!("{}binary", unique_prefix("roundtrip"));
    let value: Vec<u8> = (0..=255).chain([0, 13, 10, 0]).collect();

    cache.set(&key, value.clone(), TTL).await.unwrap();

    assert_eq!(cache.get(&key).await.unwrap(), Some(value.clone()));
    let stored: Vec<u8> = server.query(redis::cmd("GET").arg(&key)).await;
    assert_eq!(stored, value, "the bytes are stored as-is in Redis");
}

#[tokio::test]
async fn get_of_a_missing_key_is_none() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let key = format!("{}absent", unique_prefix("missing"));

    assert_eq!(cache.get(&key).await.unwrap(), None);
}

#[tokio::test]
async fn set_applies_the_ttl_in_milliseconds() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let prefix = unique_prefix("ttl");
    let (long, short) = (format!("{prefix}long"), format!("{prefix}short"));

    cache.set(&long, b"v".to_vec(), TTL).await.unwrap();
    cache.set(&short, b"v".to_vec(), Duration::from_millis(1500)).await.unwrap();

    let pttl: i64 = server.query(redis::cmd("PTTL").arg(&long)).await;
    assert!((89_000..=90_000).contains(&pttl), "PTTL {pttl} is not about 90 s");
    let pttl: i64 = server.query(redis::cmd("PTTL").arg(&short)).await;
    assert!((500..=1_500).contains(&pttl), "PTTL {pttl} is not about 1.5 s");
}

#[tokio::test]
async fn set_overwrites_the_value_and_the_ttl() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let key = format!("{}k", unique_prefix("overwrite"));

    cache.set(&key, b"old".to_vec(), TTL).await.unwrap();
    cache.set(&key, b"new".to_vec(), Duration::from_secs(10)).await.unwrap();

    assert_eq!(cache.get(&key).await.unwrap().as_deref(), Some(&b"new"[..]));
    let pttl: i64 = server.query(redis::cmd("PTTL").arg(&key)).await;
    assert!((9_000..=10_000).contains(&pttl), "PTTL {pttl} is not about 10 s");
}

#[tokio::test]
async fn invalidate_prefix_removes_every_matching_key_over_several_scan_pages() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let base = unique_prefix("invalidate");
    // `…sales:` must not touch `…salesforce:`, which shares its first characters.
    let (doomed, kept) = (format!("{base}sales:"), format!("{base}salesforce:"));
    let mut pipe = redis::pipe();
    for i in 0..1_200 {
        pipe.cmd("SET").arg(format!("{doomed}{i}")).arg(i).ignore();
    }
    for i in 0..300 {
        pipe.cmd("SET").arg(format!("{kept}{i}")).arg(i).ignore();
    }
    let mut conn = server.connection().await;
    pipe.query_async::<()>(&mut conn).await.unwrap();

    let removed = cache.invalidate_prefix(&doomed).await.unwrap();

    assert_eq!(removed, 1_200);
    let left: u64 = server.query(&redis::cmd("DBSIZE")).await;
    assert_eq!(left, 300, "only the other prefix's keys remain");
    assert_eq!(cache.get(&format!("{kept}299")).await.unwrap().as_deref(), Some(&b"299"[..]));
    assert_eq!(cache.invalidate_prefix(&doomed).await.unwrap(), 0, "nothing left to remove");
}

#[tokio::test]
async fn invalidate_prefix_matches_glob_characters_literally() {
    let server = RedisServer::start();
    let cache = cache_for(&server);
    let base = unique_prefix("glob");
    let globby = format!("{base}q[ab]*?:");
    // Decoys that the unescaped patterns `q[ab]*?:*` and `back\slash:*` would match.
    let decoys = [format!("{base}qa-anything-x:1"), format!("{base}qb?:2"), format!("{base}backslash:1")];
    let backslashed = format!("{base}back\\slash:");
    for key in [format!("{globby}1"), format!("{globby}2"), format!("{backslashed}1")].iter().chain(&decoys) {
        cache.set(key, b"v".to_vec(), TTL).await.unwrap();
    }

    assert_eq!(cache.invalidate_prefix(&globby).await.unwrap(), 2);
    assert_eq!(cache.invalidate_prefix(&backslashed).await.unwrap(), 1);

    for decoy in &decoys {
        assert!(cache.get(decoy).await.unwrap().is_some(), "{decoy} must survive");
    }
    assert_eq!(cache.get(&format!("{globby}1")).await.unwrap(), None);
    assert_eq!(cache.get(&format!("{backslashed}1")).await.unwrap(), None);
}

#[tokio::test]
async fn health_probe_follows_the_server() {
    let mut server = RedisServer::start();
    let cache = RedisCache::new(&server.url(), 2, Duration::from_millis(500)).unwrap();

    cache.check().await.unwrap();
    server.stop();
    assert!(cache.check().await.is_err(), "a stopped server is reported down");
    server.restart();
    cache.check().await.unwrap();
}

#[tokio::test]
async fn reconnects_after_a_server_restart() {
    let mut server = RedisServer::start();
    let cache = cache_for(&server);
    let key = format!("{}k", unique_prefix("reconnect"));
    cache.set(&key, b"before".to_vec(), TTL).await.unwrap();

    server.stop();
    assert!(cache.get(&key).await.is_err());
    server.restart();

    // The restarted server has no persistence: the pooled connection is replaced, the key is gone.
    assert_eq!(cache.get(&key).await.unwrap(), None);
    cache.set(&key, b"after".to_vec(), TTL).await.unwrap();
    assert_eq!(cache.get(&key).await.unwrap().as_deref(), Some(&b"after"[..]));
}
