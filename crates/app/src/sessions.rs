//! Use case: browser sessions (sign in, refresh, sign out) through the identity provider.
//!
//! The gateway keeps the tokens in cookies and verifies the access token like any bearer token;
//! this service only validates the input and talks to the provider.

use std::sync::Arc;

use domain::AccessToken;
use ports::{Credentials, IdentityError, IdentityProvider, IssuedTokens};

/// Why a session operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// A required field is blank or too long; `field` names it.
    #[error("{field}: {message}")]
    InvalidRequest { field: &'static str, message: String },
    #[error(transparent)]
    Identity(#[from] IdentityError),
}

/// Longest login or password accepted: Java's columns are 50 and 255 characters, and nothing
/// longer is worth a round trip.
const MAX_FIELD_CHARS: usize = 256;

/// Sign-in, refresh and sign-out.
pub struct SessionService {
    provider: Arc<dyn IdentityProvider>,
}

impl std::fmt::Debug for SessionService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionService").finish_non_exhaustive()
    }
}

fn required(field: &'static str, value: &str) -> Result<(), SessionError> {
    if value.trim().is_empty() {
        return Err(SessionError::InvalidRequest { field, message: format!("{field} is required") });
    }
    if value.chars().count() > MAX_FIELD_CHARS {
        return Err(SessionError::InvalidRequest {
            field,
            message: format!("{field} is longer than {MAX_FIELD_CHARS} characters"),
        });
    }
    Ok(())
}

impl SessionService {
    #[must_use]
    pub fn new(provider: Arc<dyn IdentityProvider>) -> Self {
        Self { provider }
    }

    /// Signs in. The login is trimmed (a pasted phone number often carries spaces around it);
    /// the password is sent as typed.
    ///
    /// # Errors
    /// `InvalidRequest` for a blank or oversized field, else the provider's error.
    #[tracing::instrument(skip_all, err)]
    pub async fn login(&self, login: &str, password: &str) -> Result<IssuedTokens, SessionError> {
        required("login", login)?;
        required("password", password)?;
        let credentials = Credentials { login: login.trim().to_owned(), password: password.to_owned() };
        Ok(self.provider.login(&credentials).await?)
    }

    /// New tokens for a refresh token.
    ///
    /// # Errors
    /// The provider's error (`RefreshRejected` when the user must sign in again).
    #[tracing::instrument(skip_all, err)]
    pub async fn refresh(&self, refresh_token: &AccessToken) -> Result<IssuedTokens, SessionError> {
        if refresh_token.expose().trim().is_empty() {
            return Err(IdentityError::RefreshRejected("no refresh token".to_owned()).into());
        }
        Ok(self.provider.refresh(refresh_token).await?)
    }

    /// Revokes the refresh token. Best effort: the caller forgets the session whatever happens,
    /// so a provider failure is logged and reported but never keeps anyone signed in.
    ///
    /// # Errors
    /// The provider's error.
    #[tracing::instrument(skip_all, err)]
    pub async fn logout(&self, refresh_token: Option<&AccessToken>) -> Result<(), SessionError> {
        match refresh_token.filter(|t| !t.expose().trim().is_empty()) {
            Some(token) => Ok(self.provider.logout(token).await?),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use ports::MockIdentityProvider;

    use super::*;

    fn tokens() -> IssuedTokens {
        IssuedTokens { access: AccessToken::new("a"), refresh: AccessToken::new("r"), refresh_expires_at: None }
    }

    #[tokio::test]
    async fn blank_fields_never_reach_the_provider() {
        let mut provider = MockIdentityProvider::new();
        provider.expect_login().never();
        let service = SessionService::new(Arc::new(provider));
        let error = service.login("  ", "pw").await.unwrap_err();
        assert!(matches!(error, SessionError::InvalidRequest { field: "login", .. }), "{error:?}");
        let error = service.login("+33 6", "").await.unwrap_err();
        assert!(matches!(error, SessionError::InvalidRequest { field: "password", .. }), "{error:?}");
    }

    #[tokio::test]
    async fn the_login_is_trimmed_and_the_password_kept_as_typed() {
        let mut provider = MockIdentityProvider::new();
        provider
            .expect_login()
            .withf(|c| c.login == "+33 6 12" && c.password == " pw ")
            .times(1)
            .returning(|_| Ok(tokens()));
        let service = SessionService::new(Arc::new(provider));
        assert_eq!(service.login(" +33 6 12 ", " pw ").await.unwrap(), tokens());
    }

    #[tokio::test]
    async fn logout_without_a_refresh_token_calls_nobody() {
        let mut provider = MockIdentityProvider::new();
        provider.expect_logout().never();
        let service = SessionService::new(Arc::new(provider));
        service.logout(None).await.unwrap();
        service.logout(Some(&AccessToken::new(" "))).await.unwrap();
    }
}
