//! OAuth 2.0 sign-in: the three flows, and the cached session.
//!
//! Salesforce access tokens carry no lifetime in the token response (the org's session timeout
//! decides), so the session is kept until a call is answered 401 `INVALID_SESSION_ID`; the
//! client then signs in again once and repeats the call once.

use std::sync::Arc;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ports::{Clock, CrmError};
use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::config::AuthFlow;
use crate::errors::{token_error, unreadable};
use crate::http::{Http, Repeat};

/// Salesforce accepts a JWT bearer assertion only if it expires within 3 minutes.
const ASSERTION_LIFETIME_SECS: i64 = 180;

/// A signed-in session: the token and the instance its API lives on.
#[derive(Debug)]
pub(crate) struct Session {
    pub(crate) access_token: String,
    pub(crate) instance_url: Url,
    /// Which login produced it, so that concurrent 401s trigger one re-login, not several.
    generation: u64,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    instance_url: String,
}

/// The JWT bearer assertion's claims (Salesforce "OAuth 2.0 JWT Bearer Flow").
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JwtClaims {
    /// The connected app's consumer key.
    pub iss: String,
    /// The username to act as.
    pub sub: String,
    /// The authorization server: `https://login.salesforce.com` or `https://test.salesforce.com`.
    pub aud: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
}

pub(crate) struct Auth {
    token_url: Url,
    flow: AuthFlow,
    clock: Arc<dyn Clock>,
    current: Mutex<Option<Arc<Session>>>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth").field("token_url", &self.token_url.as_str()).field("flow", &self.flow).finish()
    }
}

impl Auth {
    pub(crate) fn new(token_url: Url, flow: AuthFlow, clock: Arc<dyn Clock>) -> Self {
        Self { token_url, flow, clock, current: Mutex::new(None) }
    }

    /// The cached session, signing in first when there is none.
    pub(crate) async fn session(&self, http: &Http) -> Result<Arc<Session>, CrmError> {
        let mut current = self.current.lock().await;
        if let Some(s) = current.as_ref() {
            return Ok(Arc::clone(s));
        }
        let fresh = Arc::new(self.login(http, 1).await?);
        *current = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// A new session after `stale` was refused; when another call already renewed it, that
    /// session is returned without a second login.
    pub(crate) async fn renew(&self, http: &Http, stale: &Session) -> Result<Arc<Session>, CrmError> {
        let mut current = self.current.lock().await;
        if let Some(s) = current.as_ref().filter(|s| s.generation != stale.generation) {
            return Ok(Arc::clone(s));
        }
        *current = None;
        tracing::info!(flow = self.flow.name(), "Salesforce session refused; signing in again");
        let fresh = Arc::new(self.login(http, stale.generation + 1).await?);
        *current = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    #[tracing::instrument(skip_all, fields(flow = self.flow.name()), err)]
    async fn login(&self, http: &Http, generation: u64) -> Result<Session, CrmError> {
        let form = self.form()?;
        let flow = self.flow.name();
        let build = || {
            http.client
                .post(self.token_url.clone())
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.clone())
        };
        let reply = http.send("login", Repeat::Safe, &build).await?;
        if !reply.status.is_success() {
            return Err(token_error(flow, &reply));
        }
        let token: TokenResponse = serde_json::from_slice(&reply.body).map_err(|e| unreadable("login", &e))?;
        let instance_url = Url::parse(&token.instance_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| CrmError::BadResponse("login: the token response's instance_url is not a URL".into()))?;
        tracing::info!(instance = %instance_url, "signed in to Salesforce");
        Ok(Session { access_token: token.access_token, instance_url, generation })
    }

    /// The form body of the token request, `application/x-www-form-urlencoded`.
    fn form(&self) -> Result<String, CrmError> {
        let mut f = form_urlencoded::Serializer::new(String::new());
        match &self.flow {
            AuthFlow::ClientCredentials { client_id, client_secret } => {
                f.append_pair("grant_type", "client_credentials")
                    .append_pair("client_id", client_id)
                    .append_pair("client_secret", client_secret);
            }
            AuthFlow::Password { client_id, client_secret, username, password, security_token } => {
                // Salesforce wants the security token appended to the password when the caller's
                // IP is not in the org's trusted ranges.
                f.append_pair("grant_type", "password")
                    .append_pair("client_id", client_id)
                    .append_pair("client_secret", client_secret)
                    .append_pair("username", username)
                    .append_pair("password", &format!("{password}{security_token}"));
            }
            AuthFlow::JwtBearer { client_id, username, private_key_pem, audience } => {
                let claims = JwtClaims {
                    iss: client_id.clone(),
                    sub: username.clone(),
                    aud: audience.clone(),
                    exp: self.clock.now().timestamp() + ASSERTION_LIFETIME_SECS,
                };
                let key = EncodingKey::from_rsa_pem(private_key_pem.as_bytes())
                    .map_err(|e| CrmError::Unauthorized(format!("salesforce private_key: {e}")))?;
                let assertion = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key)
                    .map_err(|e| CrmError::Unauthorized(format!("the JWT assertion could not be signed: {e}")))?;
                f.append_pair("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                    .append_pair("assertion", &assertion);
            }
        }
        Ok(f.finish())
    }
}
