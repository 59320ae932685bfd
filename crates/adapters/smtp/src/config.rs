//! What the SMTP notifier needs to know, and why a configuration can be refused.

use std::fmt;
use std::time::Duration;

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (usually port 587). If the server does not offer
    /// STARTTLS the delivery fails: nothing is ever sent in clear text.
    StartTls,
    /// TLS from the first byte ("implicit TLS", usually port 465).
    Tls,
    /// No encryption at all: only for a relay on the same host or network, and tests.
    None,
}

/// Where and how alerts are e-mailed.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, `alerts@example.com` or `SalesFlow <alerts@example.com>`.
    pub from: String,
    /// Every recipient gets the same message; at least one is required.
    pub to: Vec<String>,
    /// Bounds one whole delivery: connecting, the TLS handshake and the SMTP dialogue.
    pub timeout: Duration,
}

// Written by hand so that the password can never reach a log line through `{:?}`.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| Redacted))
            .field("from", &self.from)
            .field("to", &self.to)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Stands in for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Why [`SmtpConfig`] was refused by [`SmtpNotifier::new`](crate::SmtpNotifier::new).
#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("smtp: the host is empty")]
    EmptyHost,
    #[error("smtp: the {field} address {value:?} is not an e-mail address: {reason}")]
    InvalidAddress { field: &'static str, value: String, reason: String },
    #[error("smtp: at least one recipient is required")]
    NoRecipients,
    #[error("smtp: a username and a password go together; only one of them is set")]
    IncompleteCredentials,
    #[error("smtp: refusing to send credentials over an unencrypted connection; use StartTls or Tls")]
    PlaintextCredentials,
    #[error("smtp: the timeout must be greater than zero")]
    ZeroTimeout,
    #[error("smtp: cannot set up TLS for host {host:?}: {reason}")]
    Tls { host: String, reason: String },
}
