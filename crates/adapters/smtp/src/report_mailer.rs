//! [`SmtpReportMailer`]: the `ReportMailer` port over the same SMTP settings as the alerts: one
//! `multipart/mixed` e-mail per report, a plain-text part and the file as an attachment.

use async_trait::async_trait;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use ports::{NotifyError, ReportMail, ReportMailer};

use crate::config::{SmtpConfig, SmtpConfigError};
use crate::notifier::{SmtpNotifier, mailbox, one_line};

/// E-mails reports; recipients come with each mail (the configured `to` is not used).
#[derive(Debug)]
pub struct SmtpReportMailer {
    smtp: SmtpNotifier,
}

impl SmtpReportMailer {
    /// Checks `config` like [`SmtpNotifier::new`], except that `to` may be empty.
    ///
    /// # Errors
    /// [`SmtpConfigError`] as for the notifier.
    pub fn new(config: SmtpConfig) -> Result<Self, SmtpConfigError> {
        Ok(Self { smtp: SmtpNotifier::build(config, false)? })
    }

    fn message(&self, mail: &ReportMail) -> Result<Message, NotifyError> {
        if mail.to.is_empty() {
            return Err(NotifyError::Rejected("a report mail needs at least one recipient".into()));
        }
        let mut message = Message::builder().from(self.smtp.from().clone());
        for address in &mail.to {
            message = message.to(mailbox("to", address).map_err(|e| NotifyError::Rejected(e.to_string()))?);
        }
        let content_type = ContentType::parse(&mail.attachment.content_type)
            .map_err(|e| NotifyError::Rejected(format!("bad attachment content type: {e}")))?;
        // The name is a header parameter: no line breaks, and no path.
        let file_name = one_line(&mail.attachment.file_name).replace(['/', '\\'], "_");
        let parts = MultiPart::mixed()
            .singlepart(SinglePart::plain(mail.body.clone()))
            .singlepart(Attachment::new(file_name).body(mail.attachment.bytes.clone(), content_type));
        message
            .subject(one_line(&mail.subject))
            .message_id(None)
            .multipart(parts)
            .map_err(|e| NotifyError::Rejected(format!("the e-mail could not be built: {e}")))
    }
}

#[async_trait]
impl ReportMailer for SmtpReportMailer {
    fn channel(&self) -> &'static str {
        "smtp"
    }

    #[tracing::instrument(name = "smtp_report_mail", skip_all, fields(recipients = mail.to.len()), err)]
    async fn send(&self, mail: &ReportMail) -> Result<(), NotifyError> {
        self.smtp.deliver(self.message(mail)?).await
    }
}
