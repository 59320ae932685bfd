//! The [`Notifier`] port over a Slack incoming webhook.
//!
//! Each notification is one POST of `{"text": "<emoji> *[<SEVERITY>] <title>*\n<body>"}`, the
//! payload of the original CRM analytics alerts (reference/crm-analytics.md §8.2). The webhook URL
//! is a credential (anyone holding it can post to the channel), so it never appears in errors,
//! logs or `Debug` output.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use domain::{Notification, Severity};
use ports::{Notifier, NotifyError};
use reqwest::{StatusCode, Url};

/// The most of a Slack error body quoted in an error (Slack answers with short codes).
const MAX_QUOTED_BODY: usize = 200;

/// Why [`SlackNotifier::new`] refused a webhook. No variant carries the URL itself.
#[derive(Debug, thiserror::Error)]
pub enum SlackConfigError {
    #[error("slack: the webhook URL does not parse")]
    InvalidUrl,
    #[error("slack: the webhook URL must be http or https, not {0:?}")]
    UnsupportedScheme(String),
    #[error("slack: the timeout must be greater than zero")]
    ZeroTimeout,
    #[error("slack: cannot build the HTTP client: {0}")]
    Client(String),
}

/// Posts each notification to one Slack incoming webhook.
pub struct SlackNotifier {
    http: reqwest::Client,
    webhook: Url,
    timeout: Duration,
}

impl SlackNotifier {
    /// Prepares a notifier for `webhook_url`; nothing is sent yet.
    ///
    /// # Errors
    /// [`SlackConfigError`] when the URL does not parse or is not http(s), or the timeout is 0.
    pub fn new(webhook_url: &str, timeout: Duration) -> Result<Self, SlackConfigError> {
        // The parse error is dropped on purpose: some of them quote the input.
        let webhook = Url::parse(webhook_url.trim()).map_err(|_| SlackConfigError::InvalidUrl)?;
        if !matches!(webhook.scheme(), "http" | "https") {
            return Err(SlackConfigError::UnsupportedScheme(webhook.scheme().to_owned()));
        }
        if webhook.host_str().is_none() {
            return Err(SlackConfigError::InvalidUrl);
        }
        if timeout.is_zero() {
            return Err(SlackConfigError::ZeroTimeout);
        }
        let http = reqwest::Client::builder()
            .timeout(timeout)
            // A webhook never redirects; following one could post the alert somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SlackConfigError::Client(e.without_url().to_string()))?;
        Ok(Self { http, webhook, timeout })
    }

    /// `error` as text, the webhook URL removed (reqwest puts it in its messages).
    fn describe(&self, error: &reqwest::Error) -> String {
        let reason = if error.is_timeout() {
            format!("Slack did not answer within {} ms", self.timeout.as_millis())
        } else if error.is_connect() {
            "Slack could not be reached".to_owned()
        } else {
            "the request to Slack failed".to_owned()
        };
        let mut text = reason;
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        self.redact(&text)
    }

    /// Belt and braces: whatever a dependency says, the URL and its secret path do not leave.
    fn redact(&self, text: &str) -> String {
        let path = self.webhook.path();
        let text = text.replace(self.webhook.as_str(), "<webhook>");
        if path.len() > 1 { text.replace(path, "<webhook path>") } else { text }
    }
}

#[async_trait]
impl Notifier for SlackNotifier {
    fn channel(&self) -> &'static str {
        "slack"
    }

    #[tracing::instrument(name = "slack_send", skip_all, fields(severity = %n.severity), err)]
    async fn send(&self, n: &Notification) -> Result<(), NotifyError> {
        let payload = serde_json::json!({ "text": text(n) });
        let response = self
            .http
            .post(self.webhook.clone())
            .json(&payload)
            .send()
            .await
            .map_err(|e| NotifyError::Unavailable(self.describe(&e)))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        // Slack explains a refusal in the body (`invalid_payload`, `no_service`, ...).
        let body = response.text().await.unwrap_or_default();
        let excerpt: String = body.trim().chars().take(MAX_QUOTED_BODY).collect();
        let reason = self.redact(&format!("Slack answered {status}: {excerpt}"));
        Err(if is_transient(status) { NotifyError::Unavailable(reason) } else { NotifyError::Rejected(reason) })
    }
}

// Written by hand: the derived form would print the webhook URL.
impl fmt::Debug for SlackNotifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlackNotifier")
            .field("host", &self.webhook.host_str().unwrap_or_default())
            .field("webhook", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// 429 (rate limited) and 5xx may pass later; any other refusal will not.
fn is_transient(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// The message text: `<emoji> *[<SEVERITY>] <title>*\n<body>`, title and body escaped.
fn text(n: &Notification) -> String {
    format!("{} *[{}] {}*\n{}", emoji(n.severity), n.severity.as_str(), escape(&n.title), escape(&n.body))
}

/// The colours of the original channel; LOW had none there and gets its "other" white.
fn emoji(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "🔴",
        Severity::High => "🟠",
        Severity::Medium => "🟡",
        Severity::Info => "🔵",
        Severity::Low => "⚪",
    }
}

/// Slack's documented escaping: with `<` and `>` escaped, data cannot write `<!channel>` (which
/// pings everyone) or `<https://evil|innocent text>` (a disguised link).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_handles_the_ampersand_first() {
        assert_eq!(escape("a &lt; <b> & c"), "a &amp;lt; &lt;b&gt; &amp; c");
    }
}
