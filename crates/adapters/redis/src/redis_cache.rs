//! The `Cache` port over Redis through a deadpool connection pool.

use std::future::Future;
use std::time::Duration;

use async_trait::async_trait;
use deadpool_redis::redis::{self, FromRedisValue};
use deadpool_redis::{Config, Connection, Pool, PoolConfig, Runtime};
use ports::{Cache, CacheError, HealthProbe, ProbeError};

/// Keys asked for per `SCAN` round trip during `invalidate_prefix`.
const SCAN_COUNT: usize = 500;

/// Redis refuses bulk strings above `proto-max-bulk-len` (512 MiB by default); refusing earlier
/// spares a doomed upload.
const MAX_VALUE_BYTES: usize = 512 * 1024 * 1024;

/// A [`Cache`] stored in Redis.
///
/// Every round trip (taking a connection from the pool included) is bounded by the timeout given
/// to [`RedisCache::new`]; a timeout, a pool error or a Redis error becomes
/// [`CacheError::Unavailable`]. `invalidate_prefix` walks the keyspace with `SCAN`/`UNLINK` and
/// bounds each round trip rather than the whole walk, so a large keyspace cannot make every
/// invalidation fail.
#[derive(Clone)]
pub struct RedisCache {
    pool: Pool,
    timeout: Duration,
}

impl std::fmt::Debug for RedisCache {
    // Hand-written: the pool's own `Debug` would print the connection settings.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = self.pool.status();
        f.debug_struct("RedisCache")
            .field("timeout", &self.timeout)
            .field("pool_max_size", &status.max_size)
            .field("pool_size", &status.size)
            .finish_non_exhaustive()
    }
}

impl RedisCache {
    /// Builds the pool without connecting: connections are opened on first use, so the service
    /// can start while Redis is down.
    ///
    /// # Errors
    /// `Rejected` when `url` is not a valid Redis URL or `pool_size` is 0.
    pub fn new(url: &str, pool_size: usize, timeout: Duration) -> Result<Self, CacheError> {
        if pool_size == 0 {
            return Err(CacheError::Rejected("the Redis pool size must be at least 1".to_owned()));
        }
        let mut config = Config::from_url(url);
        config.pool = Some(PoolConfig::new(pool_size));
        // The URL may carry a password: report the parser's reason, never the URL itself.
        let pool = config
            .create_pool(Some(Runtime::Tokio1))
            .map_err(|e| CacheError::Rejected(format!("invalid Redis configuration: {e}")))?;
        Ok(Self { pool, timeout })
    }

    /// Runs `fut` within the timeout and maps a timeout to `Unavailable`.
    async fn bounded<T>(&self, what: &str, fut: impl Future<Output = Result<T, CacheError>>) -> Result<T, CacheError> {
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(result) => result,
            Err(_) => {
                Err(CacheError::Unavailable(format!("Redis {what} timed out after {} ms", self.timeout.as_millis())))
            }
        }
    }

    async fn connection(&self) -> Result<Connection, CacheError> {
        self.bounded("connection", async {
            self.pool.get().await.map_err(|e| CacheError::Unavailable(format!("no Redis connection: {e}")))
        })
        .await
    }

    /// Sends one command on `conn` within the timeout; `name` labels the error reason (the
    /// command's arguments may be large).
    async fn query<T: FromRedisValue>(
        &self,
        conn: &mut Connection,
        name: &str,
        cmd: &redis::Cmd,
    ) -> Result<T, CacheError> {
        self.bounded(name, async {
            cmd.query_async::<T>(conn).await.map_err(|e| CacheError::Unavailable(format!("Redis {name} failed: {e}")))
        })
        .await
    }
}

/// The `MATCH` pattern selecting exactly the keys that start with `prefix`: glob metacharacters
/// in the prefix are escaped so they match themselves.
pub(crate) fn match_pattern(prefix: &str) -> String {
    let mut pattern = String::with_capacity(prefix.len() + 2);
    for c in prefix.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('*');
    pattern
}

/// The TTL in whole milliseconds for `PX`: at least 1, because Redis refuses `PX 0`.
fn ttl_millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

#[async_trait]
impl Cache for RedisCache {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, CacheError> {
        let mut conn = self.connection().await?;
        self.query(&mut conn, "GET", redis::cmd("GET").arg(key)).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(bytes = value.len()))]
    async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) -> Result<(), CacheError> {
        if value.len() > MAX_VALUE_BYTES {
            return Err(CacheError::Rejected(format!("value of {} bytes exceeds the Redis limit", value.len())));
        }
        let mut conn = self.connection().await?;
        let cmd = redis::cmd("SET").arg(key).arg(value).arg("PX").arg(ttl_millis(ttl)).to_owned();
        self.query::<()>(&mut conn, "SET", &cmd).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(prefix = prefix))]
    async fn invalidate_prefix(&self, prefix: &str) -> Result<u64, CacheError> {
        let pattern = match_pattern(prefix);
        let mut conn = self.connection().await?;
        let mut cursor: u64 = 0;
        let mut removed: u64 = 0;
        loop {
            let scan =
                redis::cmd("SCAN").arg(cursor).arg("MATCH").arg(&pattern).arg("COUNT").arg(SCAN_COUNT).to_owned();
            // Keys are read as bytes: other writers may have stored keys that are not UTF-8.
            let (next, keys): (u64, Vec<Vec<u8>>) = self.query(&mut conn, "SCAN", &scan).await?;
            if !keys.is_empty() {
                // UNLINK counts only keys it removed, so keys SCAN returned twice are not counted twice.
                removed += self.query::<u64>(&mut conn, "UNLINK", redis::cmd("UNLINK").arg(&keys)).await?;
            }
            if next == 0 {
                return Ok(removed);
            }
            cursor = next;
        }
    }
}

#[async_trait]
impl HealthProbe for RedisCache {
    async fn check(&self) -> Result<(), ProbeError> {
        let ping = async {
            let mut conn = self.connection().await?;
            self.query::<String>(&mut conn, "PING", &redis::cmd("PING")).await
        };
        match ping.await {
            Ok(reply) if reply == "PONG" => Ok(()),
            Ok(other) => Err(ProbeError(format!("unexpected PING reply from Redis: {other:.40}"))),
            Err(e) => Err(ProbeError(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_glob_metacharacters_in_the_match_pattern() {
        assert_eq!(match_pattern("sf:v1:analytics:"), "sf:v1:analytics:*");
        assert_eq!(match_pattern(r"a*b?c[d]e\f"), r"a\*b\?c\[d\]e\\f*");
        assert_eq!(match_pattern(""), "*");
    }

    #[test]
    fn ttl_is_whole_milliseconds_and_never_zero() {
        assert_eq!(ttl_millis(Duration::from_secs(90)), 90_000);
        assert_eq!(ttl_millis(Duration::from_micros(10)), 1);
        assert_eq!(ttl_millis(Duration::ZERO), 1);
        assert_eq!(ttl_millis(Duration::MAX), u64::MAX);
    }

    #[test]
    fn rejects_an_invalid_url_and_an_empty_pool() {
        let timeout = Duration::from_millis(100);
        assert!(matches!(RedisCache::new("not a url", 4, timeout), Err(CacheError::Rejected(_))));
        assert!(matches!(RedisCache::new("http://127.0.0.1:6379", 4, timeout), Err(CacheError::Rejected(_))));
        assert!(matches!(RedisCache::new("redis://127.0.0.1:6379", 0, timeout), Err(CacheError::Rejected(_))));
    }
}
