//! A notifier that keeps what it was asked to send.

use std::sync::Mutex;

use async_trait::async_trait;
use domain::Notification;
use ports::{Notifier, NotifyError};

/// Records every notification; can be told to fail, to exercise retry paths.
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    sent: Mutex<Vec<Notification>>,
    failing: std::sync::atomic::AtomicBool,
}

impl RecordingNotifier {
    #[must_use]
    pub fn sent(&self) -> Vec<Notification> {
        self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// While `true`, every `send` returns `Unavailable` and records nothing.
    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, std::sync::atomic::Ordering::SeqCst);
    }
}

#[async_trait]
impl Notifier for RecordingNotifier {
    fn channel(&self) -> &'static str {
        "memory"
    }

    async fn send(&self, notification: &Notification) -> Result<(), NotifyError> {
        if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(NotifyError::Unavailable("recording notifier set to fail".into()));
        }
        self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(notification.clone());
        Ok(())
    }
}
