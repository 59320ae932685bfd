//! A report mailer that keeps what it was asked to send.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use ports::{NotifyError, ReportMail, ReportMailer};

/// Records every mail; can be told to fail, to exercise retries.
#[derive(Debug, Default)]
pub struct RecordingReportMailer {
    sent: Mutex<Vec<ReportMail>>,
    failing: AtomicBool,
}

impl RecordingReportMailer {
    #[must_use]
    pub fn sent(&self) -> Vec<ReportMail> {
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// While `true`, every `send` returns `Unavailable` and records nothing.
    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }
}

#[async_trait]
impl ReportMailer for RecordingReportMailer {
    fn channel(&self) -> &'static str {
        "memory"
    }

    async fn send(&self, mail: &ReportMail) -> Result<(), NotifyError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(NotifyError::Unavailable("recording mailer told to fail".into()));
        }
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).push(mail.clone());
        Ok(())
    }
}
