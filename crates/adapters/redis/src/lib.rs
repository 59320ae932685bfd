//! The `Cache` port over Redis, and a cache that survives a Redis outage.
//!
//! [`RedisCache`] stores cache entries in Redis through a `deadpool-redis` pool: every round trip
//! is bounded by a timeout, and prefix invalidation walks the keyspace with `SCAN` + `UNLINK`
//! (never `KEYS`). [`FallbackCache`] puts a circuit breaker in front of a primary cache (Redis in
//! production) and serves from a fallback cache (the in-process memory cache) while the primary
//! is down, replaying the invalidations it missed once the primary is back.
//!
//! Depends on `ports`, `deadpool-redis` (Redis is reached only through its `redis` re-export),
//! `tokio` (timeouts), `tracing` and the `metrics` facade. Driver types stay private.

mod breaker;
mod fallback;
mod pending;
mod redis_cache;

pub use fallback::FallbackCache;
pub use redis_cache::RedisCache;
