//! `ReportMailer`: e-mails a finished report as an attachment (scheduled reports).

use std::fmt;

use async_trait::async_trait;

use crate::NotifyError;

/// A file sent along with a mail.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    /// e.g. `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

// By hand: a report of several megabytes must not land in a log line.
impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One e-mail with one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportMail {
    /// Every recipient gets the same message; at least one.
    pub to: Vec<String>,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub attachment: Attachment,
}

/// Sends reports by e-mail.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ReportMailer: Send + Sync {
    /// The channel's name, for logs (`smtp`, `log`, `memory`).
    fn channel(&self) -> &'static str;

    /// Sends `mail` once.
    ///
    /// # Errors
    /// MUST return `Rejected` for a message that can never be sent (an invalid recipient, a
    /// permanent 5xx refusal) and `Unavailable` for failures worth retrying.
    async fn send(&self, mail: &ReportMail) -> Result<(), NotifyError>;
}
