//! The transport: one `reqwest` client, bounded retries with exponential backoff on 429 and 503,
//! and the `Sforce-Limit-Info` header logged on every answer.

use std::time::Duration;

use ports::CrmError;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{RequestBuilder, StatusCode};

use crate::config::{SalesforceConfig, SalesforceConfigError};

const USER_AGENT: &str = concat!("salesflow/", env!("CARGO_PKG_VERSION"));

/// What Salesforce answered, whatever the status (429 and 503 only once retries are spent).
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
}

/// Whether a request may be sent again after a transport failure, when Salesforce may have
/// processed it. A 429 or 503 means it did not, so those are retried whatever this says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repeat {
    Safe,
    /// Task inserts: a second POST after a lost answer could create the Tasks twice.
    Never,
}

#[derive(Debug)]
pub(crate) struct Http {
    pub(crate) client: reqwest::Client,
    retries: u32,
    backoff: Duration,
    max_wait: Duration,
    timeout: Duration,
}

impl Http {
    pub(crate) fn new(c: &SalesforceConfig) -> Result<Self, SalesforceConfigError> {
        if c.timeout.is_zero() {
            return Err(SalesforceConfigError::ZeroTimeout { field: "timeout" });
        }
        if c.connect_timeout.is_zero() {
            return Err(SalesforceConfigError::ZeroTimeout { field: "connect_timeout" });
        }
        let client = reqwest::Client::builder()
            .timeout(c.timeout)
            .connect_timeout(c.connect_timeout)
            .user_agent(USER_AGENT)
            // A redirect could carry the bearer token to another host; Salesforce's REST API
            // does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SalesforceConfigError::Client(e.to_string()))?;
        Ok(Self {
            client,
            retries: c.retries,
            backoff: c.retry_backoff,
            max_wait: c.max_retry_wait,
            timeout: c.timeout,
        })
    }

    /// Sends the request `build` makes, again after a 429 or 503 (and after a transport failure
    /// when `repeat` allows) up to `retries` more times.
    ///
    /// # Errors
    /// `Unavailable` when every attempt failed in transport or was answered 429/503.
    pub(crate) async fn send(
        &self,
        op: &str,
        repeat: Repeat,
        build: &(dyn Fn() -> RequestBuilder + Sync),
    ) -> Result<Reply, CrmError> {
        let mut attempt: u32 = 0;
        loop {
            let outcome = build().send().await;
            let backoff = self.backoff.saturating_mul(1_u32 << attempt.min(16)).min(self.max_wait);
            let spent = attempt >= self.retries;
            match outcome {
                Ok(response) => {
                    log_limits(op, response.headers());
                    let status = response.status();
                    let asked = retry_after(response.headers());
                    let body = match response.bytes().await {
                        Ok(b) => b.to_vec(),
                        Err(e) if repeat == Repeat::Safe && !spent => {
                            tracing::warn!(op, attempt, error = %e, "Salesforce answer broke off; retrying");
                            tokio::time::sleep(backoff).await;
                            attempt += 1;
                            continue;
                        }
                        Err(e) => return Err(self.transport(op, &e)),
                    };
                    if !is_throttled(status) {
                        return Ok(Reply { status, body });
                    }
                    if spent {
                        return Err(CrmError::Unavailable(format!(
                            "{op}: Salesforce answered {status} after {} attempt(s): {}",
                            attempt + 1,
                            crate::errors::excerpt(&body)
                        )));
                    }
                    let wait = asked.map_or(backoff, |a| a.max(backoff)).min(self.max_wait);
                    tracing::warn!(op, %status, attempt, wait_ms = wait.as_millis() as u64, "Salesforce throttled; retrying");
                    tokio::time::sleep(wait).await;
                }
                Err(e) => {
                    let transient = e.is_timeout() || e.is_connect() || e.is_request();
                    if repeat == Repeat::Never || !transient || spent {
                        return Err(self.transport(op, &e));
                    }
                    tracing::warn!(op, attempt, error = %e, "Salesforce request failed; retrying");
                    tokio::time::sleep(backoff).await;
                }
            }
            attempt += 1;
        }
    }

    fn transport(&self, op: &str, e: &reqwest::Error) -> CrmError {
        tracing::warn!(op, error = %e, "Salesforce request failed");
        let why = if e.is_timeout() {
            format!("no answer within {} ms", self.timeout.as_millis())
        } else if e.is_connect() {
            "the connection was refused or could not be made".to_owned()
        } else {
            "the connection broke before a complete answer".to_owned()
        };
        CrmError::Unavailable(format!("{op}: {why}"))
    }
}

fn is_throttled(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let secs = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(secs))
}

/// `Sforce-Limit-Info: api-usage=25/15000`: the org's daily API usage, logged so an operator sees
/// the runs approach the limit before Salesforce refuses them.
fn log_limits(op: &str, headers: &HeaderMap) {
    if let Some(info) = headers.get("sforce-limit-info").and_then(|v| v.to_str().ok()) {
        tracing::info!(op, limit_info = info, "Salesforce API usage");
    }
}
