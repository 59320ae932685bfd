//! Notifications written to the log.

use async_trait::async_trait;
use domain::{Notification, Severity};
use ports::{Notifier, NotifyError};

/// Writes each notification as one structured log event, at a level matching its severity.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogNotifier;

#[async_trait]
impl Notifier for LogNotifier {
    fn channel(&self) -> &'static str {
        "log"
    }

    async fn send(&self, n: &Notification) -> Result<(), NotifyError> {
        match n.severity {
            Severity::Info | Severity::Low => {
                tracing::info!(severity = %n.severity, title = %n.title, body = %n.body, "notification");
            }
            Severity::Medium | Severity::High | Severity::Critical => {
                tracing::warn!(severity = %n.severity, title = %n.title, body = %n.body, "notification");
            }
        }
        Ok(())
    }
}
