//! How to reach the Java service, checked once when the client is built.

use std::fmt;
use std::time::Duration;

use reqwest::Url;

/// Settings of the Java adapter; the composition root fills it from `Settings`.
#[derive(Clone)]
pub struct JavaConfig {
    /// e.g. `http://localhost:8080/api/v1` (a trailing `/` is tolerated).
    pub base_url: String,
    /// Whole-request deadline, per attempt.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts for idempotent GETs only; a POST is never repeated.
    pub retries: u32,
    /// Base back-off: after failed attempt `k` (from 0) the client waits `retry_backoff * 2^k`.
    pub retry_backoff: Duration,
    pub pool_max_idle_per_host: usize,
    /// Sent when the caller has no token of its own (system jobs).
    pub system_token: Option<String>,
    /// A service account system jobs log in as (wins over `system_token`): the token is
    /// obtained at first use and refreshed before it expires.
    pub system_login: Option<ports::Credentials>,
    /// The service token is renewed this long before its `exp`.
    pub system_refresh_before: Duration,
    /// The shop's time zone: zoned timestamps from Java are converted to it.
    pub zone: chrono_tz::Tz,
    /// Defaults to `<scheme://host:port of base_url>/actuator/health`.
    pub health_url: Option<String>,
}

impl fmt::Debug for JavaConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JavaConfig")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retries", &self.retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("system_token", &self.system_token.as_ref().map(|_| "[REDACTED]"))
            .field("system_login", &self.system_login)
            .field("system_refresh_before", &self.system_refresh_before)
            .field("zone", &self.zone)
            .field("health_url", &self.health_url)
            .finish()
    }
}

/// Why a [`JavaConfig`] cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum JavaConfigError {
    #[error("java base_url {url:?} is not a usable http(s) URL: {reason}")]
    InvalidBaseUrl { url: String, reason: String },
    #[error("java health_url {url:?} is not a usable http(s) URL: {reason}")]
    InvalidHealthUrl { url: String, reason: String },
    #[error("java {field} must be greater than zero")]
    ZeroTimeout { field: &'static str },
    #[error("java system_token cannot be sent in an HTTP header")]
    InvalidSystemToken,
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

/// The two roots every request URL is built from.
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    /// The API base, without a trailing empty segment.
    pub(crate) base: Url,
    pub(crate) health: Url,
}

impl Endpoints {
    pub(crate) fn new(base_url: &str, health_url: Option<&str>) -> Result<Self, JavaConfigError> {
        let invalid_base = |reason: String| JavaConfigError::InvalidBaseUrl { url: base_url.to_owned(), reason };
        let mut base = parse_http_url(base_url).map_err(invalid_base)?;
        if base.query().is_some() || base.fragment().is_some() {
            return Err(invalid_base("a base URL takes no query or fragment".to_owned()));
        }
        if let Ok(mut segments) = base.path_segments_mut() {
            segments.pop_if_empty();
        }
        let health = match health_url {
            Some(raw) => parse_http_url(raw)
                .map_err(|reason| JavaConfigError::InvalidHealthUrl { url: raw.to_owned(), reason })?,
            None => {
                let mut health = base.clone();
                health.set_path("/actuator/health");
                health
            }
        };
        Ok(Self { base, health })
    }

    /// `base` followed by `segments`, each percent-encoded as one path segment (a `/` in a sku
    /// stays inside its segment).
    pub(crate) fn api(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        // Cannot fail: `parse_http_url` only accepts http(s) URLs, which always have a path.
        if let Ok(mut path) = url.path_segments_mut() {
            path.extend(segments);
        }
        url
    }
}

fn parse_http_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw.trim()).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {:?} is not http or https", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host".to_owned());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_segments_with_or_without_trailing_slash() {
        for base in ["http://java:8080/api/v1", "http://java:8080/api/v1/"] {
            let endpoints = Endpoints::new(base, None).unwrap();
            assert_eq!(endpoints.api(&["products"]).as_str(), "http://java:8080/api/v1/products");
        }
        let root = Endpoints::new("http://java:8080", None).unwrap();
        assert_eq!(root.api(&["inventory"]).as_str(), "http://java:8080/inventory");
    }

    #[test]
    fn encodes_a_sku_as_one_path_segment() {
        let endpoints = Endpoints::new("http://java/api/v1", None).unwrap();
        let url = endpoints.api(&["sales", "history", "by-sku", "A/B 50%?#x"]);
        assert_eq!(url.path(), "/api/v1/sales/history/by-sku/A%2FB%2050%25%3F%23x");
        assert_eq!(url.query(), None);
    }

    #[test]
    fn health_defaults_to_the_actuator_on_the_same_origin() {
        let endpoints = Endpoints::new("https://java:8443/api/v1/", None).unwrap();
        assert_eq!(endpoints.health.as_str(), "https://java:8443/actuator/health");
        let custom = Endpoints::new("http://java/api/v1", Some("http://probe:9/up")).unwrap();
        assert_eq!(custom.health.as_str(), "http://probe:9/up");
    }

    #[test]
    fn rejects_unusable_urls() {
        for base in ["ftp://java/api", "not a url", "http://java/api?x=1"] {
            assert!(matches!(Endpoints::new(base, None), Err(JavaConfigError::InvalidBaseUrl { .. })), "{base}");
        }
        assert!(matches!(
            Endpoints::new("http://java/api", Some("/relative")),
            Err(JavaConfigError::InvalidHealthUrl { .. })
        ));
    }

    #[test]
    fn debug_never_prints_the_system_token() {
        let config = JavaConfig {
            base_url: "http://java/api/v1".to_owned(),
            timeout: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(1),
            retries: 0,
            retry_backoff: Duration::from_millis(1),
            pool_max_idle_per_host: 1,
            system_token: Some("secret".to_owned()),
            system_login: Some(ports::Credentials { login: "svc".to_owned(), password: "hunter2".to_owned() }),
            system_refresh_before: Duration::from_secs(60),
            zone: chrono_tz::UTC,
            health_url: None,
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("secret") && printed.contains("[REDACTED]"), "{printed}");
        assert!(!printed.contains("hunter2"), "{printed}");
    }
}
