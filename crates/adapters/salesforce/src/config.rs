//! How to reach and sign in to Salesforce, checked once when the client is built.

use std::fmt;
use std::time::Duration;

use reqwest::Url;

/// The OAuth 2.0 flow the client signs in with, and the credentials it needs.
#[derive(Clone)]
pub enum AuthFlow {
    /// Server-to-server with a connected app's key and secret (`grant_type=client_credentials`).
    /// Salesforce only serves it on the org's My Domain URL.
    ClientCredentials { client_id: String, client_secret: String },
    /// `grant_type=password`: the user's password with the security token appended.
    Password { client_id: String, client_secret: String, username: String, password: String, security_token: String },
    /// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`: an assertion signed RS256 with the
    /// private key whose certificate is uploaded to the connected app.
    JwtBearer {
        client_id: String,
        username: String,
        /// PEM, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`).
        private_key_pem: String,
        /// The `aud` claim: `https://login.salesforce.com` or `https://test.salesforce.com`.
        audience: String,
    },
}

impl AuthFlow {
    /// Its name in settings and logs.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::ClientCredentials { .. } => "client_credentials",
            Self::Password { .. } => "password",
            Self::JwtBearer { .. } => "jwt_bearer",
        }
    }
}

impl fmt::Debug for AuthFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ClientCredentials { client_id, .. } => {
                f.debug_struct("ClientCredentials").field("client_id", client_id).finish_non_exhaustive()
            }
            Self::Password { client_id, username, .. } => f
                .debug_struct("Password")
                .field("client_id", client_id)
                .field("username", username)
                .finish_non_exhaustive(),
            Self::JwtBearer { client_id, username, audience, .. } => f
                .debug_struct("JwtBearer")
                .field("client_id", client_id)
                .field("username", username)
                .field("audience", audience)
                .finish_non_exhaustive(),
        }
    }
}

/// Settings of the Salesforce adapter; the composition root fills it from `Settings`.
#[derive(Clone, Debug)]
pub struct SalesforceConfig {
    /// Where the token endpoint lives: `https://login.salesforce.com`, `https://test.salesforce.com`
    /// or the org's My Domain URL. `/services/oauth2/token` is appended.
    pub login_url: String,
    pub flow: AuthFlow,
    /// REST API version without the `v`, e.g. `59.0`.
    pub api_version: String,
    /// Whole-request deadline, per attempt.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts after a 429 or 503 (and after a transport failure of a request that is safe
    /// to repeat).
    pub retries: u32,
    /// After failed attempt `k` (from 0) the client waits `retry_backoff * 2^k`, or the
    /// `Retry-After` Salesforce sent, whichever is longer, capped at `max_retry_wait`.
    pub retry_backoff: Duration,
    pub max_retry_wait: Duration,
}

impl SalesforceConfig {
    /// Checks everything that can be checked without a request: URLs, API version, the flow's
    /// credentials (an RSA key that parses, for the JWT bearer flow) and the timeouts.
    ///
    /// # Errors
    /// The first unusable setting.
    pub fn validate(&self) -> Result<(), SalesforceConfigError> {
        token_url(&self.login_url)?;
        if !valid_api_version(&self.api_version) {
            return Err(SalesforceConfigError::InvalidApiVersion(self.api_version.clone()));
        }
        check_flow(&self.flow)?;
        if self.timeout.is_zero() {
            return Err(SalesforceConfigError::ZeroTimeout { field: "timeout" });
        }
        if self.connect_timeout.is_zero() {
            return Err(SalesforceConfigError::ZeroTimeout { field: "connect_timeout" });
        }
        Ok(())
    }
}

/// Why a [`SalesforceConfig`] cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SalesforceConfigError {
    #[error("salesforce login URL {url:?} is not a usable http(s) URL: {reason}")]
    InvalidLoginUrl { url: String, reason: String },
    #[error("salesforce api_version {0:?} is not of the form 59.0")]
    InvalidApiVersion(String),
    #[error("salesforce {0} must not be empty for the {1} flow")]
    Missing(&'static str, &'static str),
    #[error("salesforce private_key is not an RSA private key in PEM: {0}")]
    InvalidPrivateKey(String),
    #[error("salesforce {field} must be greater than zero")]
    ZeroTimeout { field: &'static str },
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

/// `59.0` yes; `v59.0`, `59`, `59.0.1` no.
pub(crate) fn valid_api_version(v: &str) -> bool {
    v.split_once('.').is_some_and(|(major, minor)| {
        !major.is_empty()
            && !minor.is_empty()
            && major.bytes().all(|b| b.is_ascii_digit())
            && minor.bytes().all(|b| b.is_ascii_digit())
    })
}

pub(crate) fn token_url(login_url: &str) -> Result<Url, SalesforceConfigError> {
    let invalid = |reason: String| SalesforceConfigError::InvalidLoginUrl { url: login_url.to_owned(), reason };
    let mut url = Url::parse(login_url.trim()).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it needs an http(s) scheme and a host".to_owned()));
    }
    url.set_path("/services/oauth2/token");
    url.set_query(None);
    Ok(url)
}

pub(crate) fn check_flow(flow: &AuthFlow) -> Result<(), SalesforceConfigError> {
    let name = flow.name();
    let need = |field: &'static str, value: &str| {
        if value.trim().is_empty() { Err(SalesforceConfigError::Missing(field, name)) } else { Ok(()) }
    };
    match flow {
        AuthFlow::ClientCredentials { client_id, client_secret } => {
            need("client_id", client_id)?;
            need("client_secret", client_secret)
        }
        AuthFlow::Password { client_id, client_secret, username, password, .. } => {
            need("client_id", client_id)?;
            need("client_secret", client_secret)?;
            need("username", username)?;
            need("password", password)
        }
        AuthFlow::JwtBearer { client_id, username, private_key_pem, audience } => {
            need("client_id", client_id)?;
            need("username", username)?;
            need("jwt_audience", audience)?;
            need("private_key", private_key_pem)?;
            let key = jsonwebtoken::EncodingKey::from_rsa_pem(private_key_pem.as_bytes())
                .map_err(|e| SalesforceConfigError::InvalidPrivateKey(e.to_string()))?;
            // A PEM can parse and still not be a usable key: signing once proves it is.
            jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256), &"probe", &key)
                .map(drop)
                .map_err(|e| SalesforceConfigError::InvalidPrivateKey(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions() {
        for ok in ["59.0", "60.0", "9.1"] {
            assert!(valid_api_version(ok), "{ok}");
        }
        for bad in ["v59.0", "59", "59.", ".0", "59.0.1", "latest", ""] {
            assert!(!valid_api_version(bad), "{bad}");
        }
    }

    #[test]
    fn the_token_endpoint_replaces_any_path() {
        assert_eq!(
            token_url("https://login.salesforce.com").unwrap().as_str(),
            "https://login.salesforce.com/services/oauth2/token"
        );
        assert_eq!(
            token_url("https://acme.my.salesforce.com/").unwrap().as_str(),
            "https://acme.my.salesforce.com/services/oauth2/token"
        );
        assert!(token_url("login").is_err());
        assert!(token_url("ftp://x").is_err());
    }

    #[test]
    fn missing_credentials_are_named() {
        let flow = AuthFlow::Password {
            client_id: "id".into(),
            client_secret: "secret".into(),
            username: "u".into(),
            password: " ".into(),
            security_token: String::new(),
        };
        assert_eq!(
            check_flow(&flow).unwrap_err().to_string(),
            "salesforce password must not be empty for the password flow"
        );
        let jwt = AuthFlow::JwtBearer {
            client_id: "id".into(),
            username: "u".into(),
            private_key_pem: "not a key".into(),
            audience: "https://login.salesforce.com".into(),
        };
        assert!(matches!(check_flow(&jwt), Err(SalesforceConfigError::InvalidPrivateKey(_))));
        let good = AuthFlow::JwtBearer {
            client_id: "id".into(),
            username: "u".into(),
            private_key_pem: include_str!("../tests/fixtures/jwt_test_key.pem").into(),
            audience: "https://login.salesforce.com".into(),
        };
        assert!(check_flow(&good).is_ok());
    }

    #[test]
    fn debug_never_prints_secrets() {
        let flow = AuthFlow::Password {
            client_id: "id".into(),
            client_secret: "s3cret".into(),
            username: "u".into(),
            password: "pa55".into(),
            security_token: "tok3n".into(),
        };
        let printed = format!("{flow:?}");
        assert!(!printed.contains("s3cret") && !printed.contains("pa55") && !printed.contains("tok3n"), "{printed}");
    }
}
