//! [`SmtpNotifier`]: one plain-text e-mail per notification.

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use async_trait::async_trait;
use domain::Notification;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::{AsyncSmtpTransportBuilder, PoolConfig};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use ports::{Notifier, NotifyError};

use crate::config::{Redacted, SmtpConfig, SmtpConfigError, SmtpSecurity};

/// Sends each notification as one e-mail to every configured recipient.
pub struct SmtpNotifier {
    from: Mailbox,
    to: Vec<Mailbox>,
    timeout: Duration,
    // Kept only for `Debug`; the builder below holds the real settings and the credentials.
    host: String,
    port: u16,
    security: SmtpSecurity,
    username: Option<String>,
    builder: AsyncSmtpTransportBuilder,
    // Built on first use: lettre's transport spawns a Tokio task when it is built, which would
    // panic if `new` were called outside a runtime (configuration is read before one exists).
    transport: OnceLock<AsyncSmtpTransport<Tokio1Executor>>,
}

impl SmtpNotifier {
    /// Checks `config` and prepares the transport; nothing is sent or connected yet.
    ///
    /// # Errors
    /// [`SmtpConfigError`] when the host is empty, an address does not parse, there is no
    /// recipient, the credentials are incomplete or would travel unencrypted, or the timeout is 0.
    pub fn new(config: SmtpConfig) -> Result<Self, SmtpConfigError> {
        Self::build(config, true)
    }

    /// As [`SmtpNotifier::new`]; without `require_recipients` the configured list may be empty
    /// (the report mailer names recipients per message).
    pub(crate) fn build(config: SmtpConfig, require_recipients: bool) -> Result<Self, SmtpConfigError> {
        let host = config.host.trim().to_owned();
        if host.is_empty() {
            return Err(SmtpConfigError::EmptyHost);
        }
        if config.timeout.is_zero() {
            return Err(SmtpConfigError::ZeroTimeout);
        }
        let from = mailbox("from", &config.from)?;
        if require_recipients && config.to.is_empty() {
            return Err(SmtpConfigError::NoRecipients);
        }
        let to = config.to.iter().map(|address| mailbox("to", address)).collect::<Result<Vec<_>, _>>()?;
        let credentials = match (config.username.clone(), config.password) {
            (Some(user), Some(password)) => Some(Credentials::new(user, password)),
            (None, None) => None,
            _ => return Err(SmtpConfigError::IncompleteCredentials),
        };
        if credentials.is_some() && config.security == SmtpSecurity::None {
            return Err(SmtpConfigError::PlaintextCredentials);
        }

        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(config.port)
            .tls(tls(config.security, &host)?)
            .timeout(Some(config.timeout))
            // No connection reuse: `send` abandons a connection mid-dialogue when its deadline
            // passes, and such a connection must not be handed to the next alert. Alerts are rare,
            // so a fresh connection each time costs nothing that matters.
            .pool_config(PoolConfig::new().max_size(0));
        if let Some(credentials) = credentials {
            builder = builder.credentials(credentials);
        }
        Ok(Self {
            from,
            to,
            timeout: config.timeout,
            host,
            port: config.port,
            security: config.security,
            username: config.username,
            builder,
            transport: OnceLock::new(),
        })
    }

    fn message(&self, n: &Notification) -> Result<Message, NotifyError> {
        let subject = format!("[{}] SalesFlow alert: {}", n.severity.as_str(), one_line(&n.title));
        let body = format!(
            "{}\n\n-- \nSent automatically by SalesFlow alerting (severity {}).",
            n.body.trim_end(),
            n.severity.as_str()
        );
        let mut message = Message::builder().from(self.from.clone());
        for recipient in &self.to {
            message = message.to(recipient.clone());
        }
        message
            .subject(subject)
            .message_id(None)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| NotifyError::Rejected(format!("the e-mail could not be built: {e}")))
    }
}

#[async_trait]
impl Notifier for SmtpNotifier {
    fn channel(&self) -> &'static str {
        "smtp"
    }

    #[tracing::instrument(name = "smtp_send", skip_all, fields(severity = %n.severity), err)]
    async fn send(&self, n: &Notification) -> Result<(), NotifyError> {
        self.deliver(self.message(n)?).await
    }
}

impl SmtpNotifier {
    /// The configured sender.
    pub(crate) fn from(&self) -> &Mailbox {
        &self.from
    }

    /// Sends one built message, bounded by the timeout.
    pub(crate) async fn deliver(&self, message: Message) -> Result<(), NotifyError> {
        let transport = self.transport.get_or_init(|| self.builder.clone().build());
        // lettre's own timeout covers connecting only; a server that accepts the connection and
        // then stays silent would hang the dialogue forever, so the whole delivery is bounded.
        match tokio::time::timeout(self.timeout, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify(&error)),
            Err(_) => Err(NotifyError::Unavailable(format!(
                "the SMTP server did not complete the delivery within {} ms",
                self.timeout.as_millis()
            ))),
        }
    }
}

impl Drop for SmtpNotifier {
    fn drop(&mut self) {
        // Dropping lettre's transport spawns a clean-up task, which panics outside a Tokio
        // runtime (for example when the notifier outlives the runtime at shutdown). There is
        // nothing to clean up then: no connection is ever kept (`max_size(0)` above).
        if tokio::runtime::Handle::try_current().is_err()
            && let Some(transport) = self.transport.take()
        {
            std::mem::forget(transport);
        }
    }
}

impl fmt::Debug for SmtpNotifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpNotifier")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &Redacted)
            .field("from", &self.from.to_string())
            .field("to", &self.to.iter().map(ToString::to_string).collect::<Vec<_>>())
            .field("timeout", &self.timeout)
            .finish()
    }
}

pub(crate) fn mailbox(field: &'static str, value: &str) -> Result<Mailbox, SmtpConfigError> {
    value.trim().parse().map_err(|e: lettre::address::AddressError| SmtpConfigError::InvalidAddress {
        field,
        value: value.to_owned(),
        reason: e.to_string(),
    })
}

fn tls(security: SmtpSecurity, host: &str) -> Result<Tls, SmtpConfigError> {
    let parameters = || {
        TlsParameters::new(host.to_owned())
            .map_err(|e| SmtpConfigError::Tls { host: host.to_owned(), reason: e.to_string() })
    };
    Ok(match security {
        // `Required`, not `Opportunistic`: a server (or an attacker in the middle) that does not
        // offer STARTTLS makes the delivery fail instead of silently sending in clear text.
        SmtpSecurity::StartTls => Tls::Required(parameters()?),
        SmtpSecurity::Tls => Tls::Wrapper(parameters()?),
        SmtpSecurity::None => Tls::None,
    })
}

/// The title on a single line: a CR or LF in a header value would start a new header.
pub(crate) fn one_line(title: &str) -> String {
    let flat: String = title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    flat.trim().to_owned()
}

/// 5xx replies are final (unknown mailbox, refused credentials, message too large); everything
/// else (4xx replies, refused or broken connections, TLS failures) may pass on a later try.
fn classify(error: &lettre::transport::smtp::Error) -> NotifyError {
    if error.is_permanent() {
        NotifyError::Rejected(format!("the SMTP server refused the message: {error}"))
    } else {
        NotifyError::Unavailable(format!("SMTP delivery failed: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn one_line_replaces_line_breaks_and_trims() {
        assert_eq!(one_line("Stock low\r\nBcc: evil@example.com\n"), "Stock low  Bcc: evil@example.com");
        assert_eq!(one_line("\tplain title"), "plain title");
    }
}
