//! The service identity of system jobs (scheduled reports, built-in jobs): a token obtained by
//! logging in to Java with the configured service account, kept while valid, renewed through
//! `/auth/refresh` shortly before it expires (a new login when the refresh is refused), and
//! dropped when Java answers 401 to it. The upstream sent a static `SYSTEM_JWT_TOKEN` that
//! expired after an hour (defect 9); a static token is still accepted when no account is set.

use chrono::{DateTime, TimeDelta, Utc};
use domain::AccessToken;
use ports::{Credentials, IdentityError, IdentityProvider, IssuedTokens};
use reqwest::header::HeaderValue;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::client::{Failure, JavaClient, bearer};

/// Assumed lifetime of a token whose `exp` cannot be read (Java's default is one hour).
const UNKNOWN_LIFETIME: TimeDelta = TimeDelta::minutes(15);

struct Current {
    access: HeaderValue,
    refresh: AccessToken,
    expires_at: DateTime<Utc>,
}

/// The service account and its current token; one login or refresh at a time.
pub(crate) struct SystemSession {
    credentials: Credentials,
    refresh_before: TimeDelta,
    current: Mutex<Option<Current>>,
}

impl SystemSession {
    pub(crate) fn new(credentials: Credentials, refresh_before: std::time::Duration) -> Self {
        let refresh_before = TimeDelta::from_std(refresh_before).unwrap_or(TimeDelta::zero());
        Self { credentials, refresh_before, current: Mutex::new(None) }
    }

    /// Forgets the token (Java refused it), so the next call logs in again.
    pub(crate) async fn invalidate(&self) {
        *self.current.lock().await = None;
    }
}

/// The `exp` claim of a JWT, read without verifying it: only to know when to renew our own
/// token (Java verifies it on every call).
fn expiry(token: &str) -> Option<DateTime<Utc>> {
    use base64::Engine;
    #[derive(Deserialize)]
    struct Claims {
        exp: Option<i64>,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    DateTime::from_timestamp(serde_json::from_slice::<Claims>(&bytes).ok()?.exp?, 0)
}

fn failure(what: &str, error: &IdentityError) -> Failure {
    let transient = matches!(error, IdentityError::Unavailable { .. });
    Failure::Transport { reason: format!("service account {what} failed (java.system_login): {error}"), transient }
}

impl JavaClient {
    /// The bearer for a caller without a token of its own.
    pub(crate) async fn system_authorization(&self) -> Result<Option<HeaderValue>, Failure> {
        let Some(session) = self.session.as_ref() else { return Ok(self.system_token.clone()) };
        let now = self.clock.now();
        let mut current = session.current.lock().await;
        if let Some(c) = current.as_ref().filter(|c| c.expires_at - session.refresh_before > now) {
            return Ok(Some(c.access.clone()));
        }
        let issued = match current.as_ref() {
            Some(c) => match self.refresh(&c.refresh).await {
                Ok(issued) => {
                    tracing::info!("service token refreshed");
                    issued
                }
                Err(e) => {
                    tracing::warn!(error = %e, "service token refresh failed; logging in again");
                    self.login(&session.credentials).await.map_err(|e| failure("login", &e))?
                }
            },
            None => {
                let issued = self.login(&session.credentials).await.map_err(|e| failure("login", &e))?;
                tracing::info!("service account logged in");
                issued
            }
        };
        let IssuedTokens { access, refresh, .. } = issued;
        let expires_at = expiry(access.expose()).unwrap_or(now + UNKNOWN_LIFETIME);
        let header = bearer(access.expose()).ok_or(Failure::BadToken)?;
        *current = Some(Current { access: header.clone(), refresh, expires_at });
        Ok(Some(header))
    }
}

#[cfg(test)]
mod tests {
    use super::expiry;

    #[test]
    fn reads_exp_from_a_jwt_payload() {
        // {"sub":"x","exp":1765022965}
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjoxNzY1MDIyOTY1fQ.sig";
        assert_eq!(expiry(token).map(|t| t.timestamp()), Some(1_765_022_965));
        assert_eq!(expiry("not-a-jwt"), None);
        assert_eq!(expiry("a.e30.b"), None, "no exp claim");
    }
}
