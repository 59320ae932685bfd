//! The `salesforce` section turned into the adapter's config: which OAuth flow, which
//! credentials it needs, where to sign in. Checked at start-up when `crm.source: salesforce`, with
//! errors naming the missing settings and their `SF_*` variables.

use std::time::Duration;

use adapter_salesforce::{AuthFlow, SalesforceConfig, SalesforceConfigError};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::integrations::SalesforceSettings;
use super::load::SettingsError;

/// The OAuth 2.0 flow; `auto` picks it from the credentials present.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SalesforceFlow {
    /// `private_key` → JWT bearer; else `password` → username-password; else client credentials.
    #[default]
    Auto,
    ClientCredentials,
    Password,
    JwtBearer,
}

/// However long Salesforce asks to wait (`Retry-After`), one retry waits at most this long.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);

fn bad(key: &str, message: impl Into<String>) -> SettingsError {
    SettingsError::invalid(key, message)
}

fn text(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn secret(value: Option<&SecretString>) -> Option<String> {
    value.map(|v| v.expose_secret().trim().to_owned()).filter(|v| !v.is_empty())
}

fn required(value: Option<String>, key: &str, var: &str, flow: &str) -> Result<String, SettingsError> {
    value.ok_or_else(|| bad(key, format!("the {flow} flow needs it (set {key} or {var})")))
}

/// The PEM itself, with `\n` written as two characters in an env file turned into line breaks,
/// or the path of a PEM file.
fn private_key(raw: &str) -> Result<String, SettingsError> {
    if raw.contains("-----BEGIN") {
        return Ok(raw.replace("\\n", "\n"));
    }
    std::fs::read_to_string(raw)
        .map_err(|e| bad("salesforce.private_key", format!("neither a PEM key nor a readable PEM file ({raw:?}: {e})")))
}

impl SalesforceSettings {
    /// The flow `flow: auto` resolves to.
    fn resolved_flow(&self) -> Result<SalesforceFlow, SettingsError> {
        if self.flow != SalesforceFlow::Auto {
            return Ok(self.flow);
        }
        if secret(self.private_key.as_ref()).is_some() {
            Ok(SalesforceFlow::JwtBearer)
        } else if secret(self.password.as_ref()).is_some() {
            Ok(SalesforceFlow::Password)
        } else if secret(self.client_secret.as_ref()).is_some() {
            Ok(SalesforceFlow::ClientCredentials)
        } else {
            Err(bad(
                "salesforce.flow",
                "crm.source is salesforce but no credentials are set: salesforce.private_key (SF_PRIVATE_KEY) \
                 for the JWT bearer flow, salesforce.password (SF_PASSWORD) for the username-password flow, \
                 or salesforce.client_secret (SF_CLIENT_SECRET) for the client credentials flow",
            ))
        }
    }

    /// The URL that `instance_url` or `domain` names: `login`, `test`, a My Domain host, or a URL.
    fn login_url(&self) -> Result<String, SettingsError> {
        if let Some(url) = text(self.instance_url.as_ref()) {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(bad("salesforce.instance_url", format!("{url:?} is not an http(s) URL")));
            }
            return Ok(url);
        }
        let domain = self.domain.trim();
        match domain {
            "login" | "test" => Ok(format!("https://{domain}.salesforce.com")),
            d if d.starts_with("https://") || d.starts_with("http://") => Ok(d.to_owned()),
            d if d.contains('.') && !d.contains(['/', ' ']) => Ok(format!("https://{d}")),
            d => Err(bad("salesforce.domain", format!("{d:?} is not login, test, a My Domain host or a URL"))),
        }
    }

    /// The adapter's config, or the first setting that is missing or unusable.
    ///
    /// # Errors
    /// A [`SettingsError`] naming the key (and its `SF_*` variable) to fix.
    pub fn adapter_config(&self) -> Result<SalesforceConfig, SettingsError> {
        let login_url = self.login_url()?;
        let client_id = text(self.client_id.as_ref());
        let flow = match self.resolved_flow()? {
            SalesforceFlow::ClientCredentials | SalesforceFlow::Auto => {
                let f = "client_credentials";
                if text(self.instance_url.as_ref()).is_none() && matches!(self.domain.trim(), "login" | "test") {
                    return Err(bad(
                        "salesforce.instance_url",
                        "the client_credentials flow is only served on the org's My Domain URL: set \
                         salesforce.instance_url (SF_INSTANCE_URL), e.g. https://acme.my.salesforce.com",
                    ));
                }
                AuthFlow::ClientCredentials {
                    client_id: required(client_id, "salesforce.client_id", "SF_CLIENT_ID", f)?,
                    client_secret: required(
                        secret(self.client_secret.as_ref()),
                        "salesforce.client_secret",
                        "SF_CLIENT_SECRET",
                        f,
                    )?,
                }
            }
            SalesforceFlow::Password => {
                let f = "password";
                AuthFlow::Password {
                    client_id: required(client_id, "salesforce.client_id", "SF_CLIENT_ID", f)?,
                    client_secret: required(
                        secret(self.client_secret.as_ref()),
                        "salesforce.client_secret",
                        "SF_CLIENT_SECRET",
                        f,
                    )?,
                    username: required(text(self.username.as_ref()), "salesforce.username", "SF_USERNAME", f)?,
                    password: required(secret(self.password.as_ref()), "salesforce.password", "SF_PASSWORD", f)?,
                    // Not needed when the server's IP is trusted by the org.
                    security_token: secret(self.security_token.as_ref()).unwrap_or_default(),
                }
            }
            SalesforceFlow::JwtBearer => {
                let f = "jwt_bearer";
                let pem = required(secret(self.private_key.as_ref()), "salesforce.private_key", "SF_PRIVATE_KEY", f)?;
                let audience = text(self.jwt_audience.as_ref()).unwrap_or_else(|| {
                    let sandbox = self.domain.trim() == "test";
                    format!("https://{}.salesforce.com", if sandbox { "test" } else { "login" })
                });
                AuthFlow::JwtBearer {
                    client_id: required(client_id, "salesforce.client_id", "SF_CLIENT_ID", f)?,
                    username: required(text(self.username.as_ref()), "salesforce.username", "SF_USERNAME", f)?,
                    private_key_pem: private_key(&pem)?,
                    audience,
                }
            }
        };
        if self.timeout_ms == 0 {
            return Err(bad("salesforce.timeout_ms", "must be positive"));
        }
        let config = SalesforceConfig {
            login_url,
            flow,
            api_version: self.api_version.trim().trim_start_matches('v').to_owned(),
            timeout: Duration::from_millis(self.timeout_ms),
            connect_timeout: Duration::from_millis(self.timeout_ms.min(10_000)),
            retries: self.retries,
            retry_backoff: Duration::from_millis(self.retry_backoff_ms),
            max_retry_wait: MAX_RETRY_WAIT,
        };
        config.validate().map_err(|e| SettingsError::invalid(error_key(&e), e.to_string()))?;
        Ok(config)
    }
}

/// The setting an adapter config error is about.
fn error_key(e: &SalesforceConfigError) -> String {
    match e {
        SalesforceConfigError::InvalidLoginUrl { .. } => "salesforce.instance_url".to_owned(),
        SalesforceConfigError::InvalidApiVersion(_) => "salesforce.api_version".to_owned(),
        SalesforceConfigError::Missing(field, _) => format!("salesforce.{field}"),
        SalesforceConfigError::InvalidPrivateKey(_) => "salesforce.private_key".to_owned(),
        SalesforceConfigError::ZeroTimeout { .. } | SalesforceConfigError::Client(_) => {
            "salesforce.timeout_ms".to_owned()
        }
    }
}
