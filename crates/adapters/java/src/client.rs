//! The HTTP layer: one `reqwest` client, bearer forwarding, attempts and GET retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use domain::Principal;
use ports::Clock;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, StatusCode, Url};

use crate::config::{Endpoints, JavaConfig, JavaConfigError};
use crate::system_session::SystemSession;

const USER_AGENT: &str = concat!("salesflow/", env!("CARGO_PKG_VERSION"));

/// However long Java asks us to wait, a request handler will not wait longer than this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// The Java service as a `SalesSource`, `SalesSink` and `HealthProbe`. Cheap to clone: clones
/// share one connection pool.
#[derive(Clone)]
pub struct JavaClient {
    pub(crate) http: reqwest::Client,
    pub(crate) endpoints: Endpoints,
    pub(crate) zone: chrono_tz::Tz,
    pub(crate) clock: Arc<dyn Clock>,
    timeout: Duration,
    connect_timeout: Duration,
    retries: u32,
    retry_backoff: Duration,
    pub(crate) system_token: Option<HeaderValue>,
    /// The service account's session, when one is configured (wins over `system_token`).
    pub(crate) session: Option<Arc<SystemSession>>,
}

impl fmt::Debug for JavaClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JavaClient")
            .field("base", &self.endpoints.base.as_str())
            .field("health", &self.endpoints.health.as_str())
            .field("retries", &self.retries)
            .field("system_token", &self.system_token.as_ref().map(|_| "[REDACTED]"))
            .finish_non_exhaustive()
    }
}

/// What Java answered, whatever the status.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

/// Why there is no [`Reply`].
#[derive(Debug)]
pub(crate) enum Failure {
    /// The caller's token cannot be put in a header, so Java could never accept it.
    BadToken,
    /// Java did not answer: refused connection, timeout, broken transport.
    Transport { reason: String, transient: bool },
}

impl JavaClient {
    /// Builds the client and its connection pool; no request is sent.
    ///
    /// # Errors
    /// [`JavaConfigError`] when a URL, a timeout or the system token is unusable.
    pub fn new(config: JavaConfig, clock: Arc<dyn Clock>) -> Result<Self, JavaConfigError> {
        let JavaConfig {
            base_url,
            timeout,
            connect_timeout,
            retries,
            retry_backoff,
            pool_max_idle_per_host,
            system_token,
            system_login,
            system_refresh_before,
            zone,
            health_url,
        } = config;
        let endpoints = Endpoints::new(&base_url, health_url.as_deref())?;
        if timeout.is_zero() {
            return Err(JavaConfigError::ZeroTimeout { field: "timeout" });
        }
        if connect_timeout.is_zero() {
            return Err(JavaConfigError::ZeroTimeout { field: "connect_timeout" });
        }
        let system_token = match system_token.as_deref().map(str::trim) {
            Some(token) if !token.is_empty() => Some(bearer(token).ok_or(JavaConfigError::InvalidSystemToken)?),
            _ => None,
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .pool_max_idle_per_host(pool_max_idle_per_host)
            .user_agent(USER_AGENT)
            // Java never redirects; following one could carry the bearer token somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| JavaConfigError::Client(e.to_string()))?;
        let session = system_login.map(|c| Arc::new(SystemSession::new(c, system_refresh_before)));
        Ok(Self {
            http,
            endpoints,
            zone,
            clock,
            timeout,
            connect_timeout,
            retries,
            retry_backoff,
            system_token,
            session,
        })
    }

    /// The caller's own token, else the service identity (account session or static token),
    /// else none (Java will then answer 401).
    async fn authorization(&self, caller: &Principal) -> Result<Option<HeaderValue>, Failure> {
        match caller.token.as_ref().map(|t| t.expose().trim()).filter(|t| !t.is_empty()) {
            Some(token) => bearer(token).map(Some).ok_or(Failure::BadToken),
            None => self.system_authorization().await,
        }
    }

    /// A 401 to the service session's token: forget it, so the next call logs in again.
    async fn forget_refused(&self, caller: &Principal, outcome: &Result<Reply, Failure>) {
        if let (Some(session), None, Ok(reply)) = (self.session.as_ref(), caller.token.as_ref(), outcome)
            && reply.status == StatusCode::UNAUTHORIZED
        {
            tracing::warn!("Java refused the service token; the service account will log in again");
            session.invalidate().await;
        }
    }

    fn request(&self, method: Method, url: &Url, auth: Option<&HeaderValue>) -> RequestBuilder {
        let request = self.http.request(method, url.clone());
        match auth {
            Some(value) => request.header(AUTHORIZATION, value.clone()),
            None => request,
        }
    }

    /// A GET, retried on transient failures. The final reply may have any status.
    pub(crate) async fn get(&self, op: &'static str, url: &Url, caller: &Principal) -> Result<Reply, Failure> {
        let auth = self.authorization(caller).await?;
        let mut attempt = 0;
        loop {
            let outcome = self.attempt(op, url, self.request(Method::GET, url, auth.as_ref())).await;
            let Some(wait) = self.retry_wait(&outcome, attempt) else {
                log_unsuccessful(op, url, &outcome);
                self.forget_refused(caller, &outcome).await;
                return outcome;
            };
            tracing::warn!(op, %url, attempt, wait_ms = wait.as_millis() as u64, "retrying a Java GET");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// A POST of a JSON body, sent exactly once: a repeated POST could record a batch twice.
    pub(crate) async fn post_json(
        &self,
        op: &'static str,
        url: &Url,
        caller: &Principal,
        body: &(impl serde::Serialize + Sync),
    ) -> Result<Reply, Failure> {
        let auth = self.authorization(caller).await?;
        let outcome = self.attempt(op, url, self.request(Method::POST, url, auth.as_ref()).json(body)).await;
        log_unsuccessful(op, url, &outcome);
        self.forget_refused(caller, &outcome).await;
        outcome
    }

    /// A POST of a JSON body without any credentials (the sign-in endpoints are public, and a
    /// system token must never reach them), sent exactly once.
    pub(crate) async fn post_public(
        &self,
        op: &'static str,
        url: &Url,
        body: &(impl serde::Serialize + Sync),
    ) -> Result<Reply, Failure> {
        let outcome = self.attempt(op, url, self.request(Method::POST, url, None).json(body)).await;
        log_unsuccessful(op, url, &outcome);
        outcome
    }

    /// A GET of the health URL, without credentials (the actuator is public) and without retry
    /// (readiness callers poll on their own schedule).
    pub(crate) async fn get_health(&self, op: &'static str) -> Result<Reply, Failure> {
        let url = &self.endpoints.health;
        self.attempt(op, url, self.request(Method::GET, url, None)).await
    }

    /// Sends one request and reads the whole body.
    async fn attempt(&self, op: &'static str, url: &Url, request: RequestBuilder) -> Result<Reply, Failure> {
        let response = request.send().await.map_err(|e| self.transport_failure(op, url, &e))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = response.bytes().await.map_err(|e| self.transport_failure(op, url, &e))?;
        Ok(Reply { status, retry_after, body: body.into() })
    }

    /// How long to wait before another attempt, or `None` when the outcome is final.
    fn retry_wait(&self, outcome: &Result<Reply, Failure>, attempt: u32) -> Option<Duration> {
        if attempt >= self.retries {
            return None;
        }
        let backoff = self.retry_backoff.saturating_mul(1_u32 << attempt.min(20));
        match outcome {
            Ok(reply) if reply.status == StatusCode::SERVICE_UNAVAILABLE => {
                Some(reply.retry_after.map_or(backoff, |asked| asked.min(MAX_RETRY_AFTER)))
            }
            Ok(reply) if is_transient_status(reply.status) => Some(backoff),
            Err(Failure::Transport { transient: true, .. }) => Some(backoff),
            _ => None,
        }
    }

    /// Describes a transport error without its URL; the URL goes to the log only.
    fn transport_failure(&self, op: &'static str, url: &Url, error: &reqwest::Error) -> Failure {
        tracing::warn!(op, %url, error = %error, "Java request failed");
        let (reason, transient) = if error.is_connect() && error.is_timeout() {
            (format!("Java did not accept the connection within {} ms", self.connect_timeout.as_millis()), true)
        } else if error.is_timeout() {
            (format!("Java did not answer within {} ms", self.timeout.as_millis()), true)
        } else if error.is_connect() {
            ("Java refused the connection or could not be reached".to_owned(), true)
        } else if error.is_builder() {
            ("the request could not be built".to_owned(), false)
        } else {
            ("the connection to Java broke before a complete answer".to_owned(), true)
        };
        Failure::Transport { reason: format!("{op}: {reason}"), transient }
    }
}

pub(crate) fn bearer(token: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).ok()?;
    value.set_sensitive(true);
    Some(value)
}

fn is_transient_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 500 | 502 | 503 | 504)
}

/// `Retry-After` in seconds; the HTTP-date form is ignored (Spring does not send it).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(seconds))
}

fn log_unsuccessful(op: &'static str, url: &Url, outcome: &Result<Reply, Failure>) {
    if let Ok(reply) = outcome
        && !reply.status.is_success()
    {
        let body = String::from_utf8_lossy(&reply.body);
        let excerpt: String = body.chars().take(500).collect();
        tracing::warn!(op, %url, status = reply.status.as_u16(), body = %excerpt, "Java answered an error");
    }
}
