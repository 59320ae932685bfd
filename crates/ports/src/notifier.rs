//! `Notifier`: delivers a notification to humans through one channel (log, e-mail, Slack).

use async_trait::async_trait;
use domain::Notification;

/// Why a notification was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The channel could not be reached or failed temporarily; delivery may be retried.
    #[error("notification channel unavailable: {0}")]
    Unavailable(String),
    /// The channel refused this message (bad recipient, payload too large); do not retry.
    #[error("notification rejected: {0}")]
    Rejected(String),
}

/// One delivery channel.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait Notifier: Send + Sync {
    /// The channel's name, for logs and alert history (`log`, `smtp`, `slack`).
    fn channel(&self) -> &'static str;

    /// Delivers `notification` once.
    ///
    /// # Errors
    /// MUST return `Unavailable` for failures worth retrying (timeouts, 5xx, connection refused)
    /// and `Rejected` for permanent ones.
    async fn send(&self, notification: &Notification) -> Result<(), NotifyError>;
}
