//! `IdentityProvider` over Java's `/auth/login`, `/auth/refresh` and `/auth/logout`
//! (reference §9.6): the dashboard's sign-in.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::AccessToken;
use ports::{Credentials, IdentityError, IdentityProvider, IssuedTokens};
use serde::{Deserialize, Serialize};

use crate::client::{Failure, JavaClient, Reply};
use crate::errors::{self, DEFAULT_RETRY_AFTER};

const LOGIN: &str = "POST /auth/login";
const REFRESH: &str = "POST /auth/refresh";
const LOGOUT: &str = "POST /auth/logout";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginRequest<'a> {
    phone_number: &'a str,
    password: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RefreshRequest<'a> {
    refresh_token: &'a str,
}

/// `AuthResponse`; `user`, `tokenType` and `message` are not needed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthResponse {
    access_token: Option<String>,
    refresh_token: Option<String>,
    refresh_expires_at: Option<String>,
}

fn unavailable(failure: Failure) -> IdentityError {
    IdentityError::Unavailable { reason: errors::transport_reason(failure), retry_after: Some(DEFAULT_RETRY_AFTER) }
}

/// Java's error message, if the body is its `ApiError` (or the bare `{message}` of `/refresh`).
fn message(reply: &Reply) -> String {
    #[derive(Deserialize)]
    struct Body {
        message: Option<String>,
    }
    serde_json::from_slice::<Body>(&reply.body)
        .ok()
        .and_then(|b| b.message)
        .map(|m| errors::truncate(m.trim()))
        .unwrap_or_default()
}

/// Statuses every auth endpoint shares: 429/5xx are "try later", anything else unexpected.
fn other_status(op: &str, reply: &Reply) -> IdentityError {
    match reply.status.as_u16() {
        429 | 500..=599 => IdentityError::Unavailable {
            reason: format!("{op}: {}", errors::answered(reply)),
            retry_after: Some(reply.retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        },
        _ => IdentityError::BadResponse { reason: format!("{op}: unexpected answer: {}", errors::answered(reply)) },
    }
}

fn tokens(op: &str, reply: &Reply) -> Result<IssuedTokens, IdentityError> {
    let bad = |why: &str| IdentityError::BadResponse { reason: format!("{op}: {why}") };
    let body: AuthResponse = serde_json::from_slice(&reply.body).map_err(|_| bad("the body is not an AuthResponse"))?;
    let non_blank = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let access = non_blank(body.access_token).ok_or_else(|| bad("no accessToken"))?;
    let refresh = non_blank(body.refresh_token).ok_or_else(|| bad("no refreshToken"))?;
    let refresh_expires_at = body
        .refresh_expires_at
        .as_deref()
        .and_then(|raw| DateTime::parse_from_rfc3339(raw.trim()).ok())
        .map(|t| t.with_timezone(&Utc));
    Ok(IssuedTokens { access: AccessToken::new(access), refresh: AccessToken::new(refresh), refresh_expires_at })
}

#[async_trait]
impl IdentityProvider for JavaClient {
    #[tracing::instrument(name = "java.login", skip_all)]
    async fn login(&self, credentials: &Credentials) -> Result<IssuedTokens, IdentityError> {
        let url = self.endpoints.api(&["auth", "login"]);
        let body = LoginRequest { phone_number: &credentials.login, password: &credentials.password };
        let reply = self.post_public(LOGIN, &url, &body).await.map_err(unavailable)?;
        match reply.status.as_u16() {
            200..=299 => tokens(LOGIN, &reply),
            // Java reports a wrong password as a 400 RUNTIME_ERROR; Spring's own failures are 401.
            400 | 401 | 403 => Err(IdentityError::InvalidCredentials),
            _ => Err(other_status(LOGIN, &reply)),
        }
    }

    #[tracing::instrument(name = "java.refresh", skip_all)]
    async fn refresh(&self, refresh_token: &AccessToken) -> Result<IssuedTokens, IdentityError> {
        let url = self.endpoints.api(&["auth", "refresh"]);
        let reply = self
            .post_public(REFRESH, &url, &RefreshRequest { refresh_token: refresh_token.expose() })
            .await
            .map_err(unavailable)?;
        match reply.status.as_u16() {
            200..=299 => tokens(REFRESH, &reply),
            400 | 401 | 403 => Err(IdentityError::RefreshRejected(message(&reply))),
            _ => Err(other_status(REFRESH, &reply)),
        }
    }

    #[tracing::instrument(name = "java.logout", skip_all)]
    async fn logout(&self, refresh_token: &AccessToken) -> Result<(), IdentityError> {
        let url = self.endpoints.api(&["auth", "logout"]);
        let reply = self
            .post_public(LOGOUT, &url, &RefreshRequest { refresh_token: refresh_token.expose() })
            .await
            .map_err(unavailable)?;
        match reply.status.as_u16() {
            // An unknown token is already as good as revoked.
            200..=299 | 400 | 401 | 404 => Ok(()),
            _ => Err(other_status(LOGOUT, &reply)),
        }
    }
}
