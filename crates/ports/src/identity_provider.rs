//! `IdentityProvider`: signs users in and out with the system of record (Java's
//! `/api/v1/auth/login`, `/refresh`, `/logout`), for the dashboard's browser sessions.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::AccessToken;

/// A login and its password, as typed into the sign-in form. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Java identifies users by phone number.
    pub login: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("login", &self.login).field("password", &"[REDACTED]").finish()
    }
}

/// What a successful sign-in or refresh returns: an access token (a JWT the gateway verifies
/// like any bearer token) and a refresh token to get the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedTokens {
    pub access: AccessToken,
    pub refresh: AccessToken,
    /// When the refresh token stops working, if the provider says.
    pub refresh_expires_at: Option<DateTime<Utc>>,
}

/// Why the provider did not issue tokens.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Unknown login or wrong password.
    #[error("invalid login or password")]
    InvalidCredentials,
    /// The refresh token is unknown, revoked or expired: the user must sign in again.
    #[error("the session can no longer be refreshed: {0}")]
    RefreshRejected(String),
    #[error("the identity provider is unavailable: {reason}")]
    Unavailable { reason: String, retry_after: Option<Duration> },
    #[error("the identity provider sent an invalid response: {reason}")]
    BadResponse { reason: String },
}

/// Browser sign-in against the system that issues SalesFlow's tokens.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait IdentityProvider: Send + Sync {
    /// Exchanges credentials for tokens.
    ///
    /// # Errors
    /// MUST return `InvalidCredentials` when the provider refuses the login or password,
    /// `Unavailable` when it cannot be reached or fails (5xx, timeout), `BadResponse` when its
    /// answer breaks the contract (e.g. a 200 without an access token).
    async fn login(&self, credentials: &Credentials) -> Result<IssuedTokens, IdentityError>;

    /// Exchanges a refresh token for new tokens (the provider may rotate the refresh token).
    ///
    /// # Errors
    /// MUST return `RefreshRejected` when the refresh token is blank, unknown or expired;
    /// `Unavailable` and `BadResponse` as for [`IdentityProvider::login`].
    async fn refresh(&self, refresh_token: &AccessToken) -> Result<IssuedTokens, IdentityError>;

    /// Revokes a refresh token.
    ///
    /// # Errors
    /// MUST return `Unavailable` when the provider cannot be reached or fails; revoking an
    /// already unknown token is not an error.
    async fn logout(&self, refresh_token: &AccessToken) -> Result<(), IdentityError>;
}
