//! A notifier that keeps what it was asked to send.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use domain::Notification;
use ports::{Notifier, NotifyError};

const OK: u8 = 0;
const UNAVAILABLE: u8 = 1;
const REJECTING: u8 = 2;

/// Records every notification; can be told to fail, to exercise retry paths.
#[derive(Debug)]
pub struct RecordingNotifier {
    channel: &'static str,
    sent: Mutex<Vec<Notification>>,
    mode: AtomicU8,
}

impl Default for RecordingNotifier {
    fn default() -> Self {
        Self::named("memory")
    }
}

impl RecordingNotifier {
    /// A recording channel called `channel` (to stand in for `smtp`, `slack`…).
    #[must_use]
    pub fn named(channel: &'static str) -> Self {
        Self { channel, sent: Mutex::new(Vec::new()), mode: AtomicU8::new(OK) }
    }

    #[must_use]
    pub fn sent(&self) -> Vec<Notification> {
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// While `true`, every `send` returns `Unavailable` (retryable) and records nothing.
    pub fn set_failing(&self, failing: bool) {
        self.mode.store(if failing { UNAVAILABLE } else { OK }, Ordering::SeqCst);
    }

    /// From now on every `send` returns `Rejected` (permanent).
    pub fn set_rejecting(&self) {
        self.mode.store(REJECTING, Ordering::SeqCst);
    }
}

#[async_trait]
impl Notifier for RecordingNotifier {
    fn channel(&self) -> &'static str {
        self.channel
    }

    async fn send(&self, notification: &Notification) -> Result<(), NotifyError> {
        match self.mode.load(Ordering::SeqCst) {
            UNAVAILABLE => Err(NotifyError::Unavailable("recording notifier set to fail".into())),
            REJECTING => Err(NotifyError::Rejected("recording notifier set to reject".into())),
            _ => {
                self.sent.lock().unwrap_or_else(PoisonError::into_inner).push(notification.clone());
                Ok(())
            }
        }
    }
}
