//! Delivering queued notifications: each claimed delivery goes to its channel once; failures
//! are retried with exponential backoff, permanent refusals and exhausted retries are abandoned.

use chrono::TimeDelta;
use ports::{AlertStoreError, Delivery, NotifyError};

use super::AlertService;

/// What one delivery round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retrying: usize,
    pub abandoned: usize,
}

impl AlertService {
    /// Delivers everything due now, up to `limit` deliveries. A failing channel never affects the
    /// others, nor any request: this runs in the background (or when a test steps it).
    ///
    /// # Errors
    /// When the alert store is unavailable.
    #[tracing::instrument(skip_all, err)]
    pub async fn deliver_due(&self, limit: u32) -> Result<DeliveryReport, AlertStoreError> {
        let now = self.clock.now();
        let lease = now + TimeDelta::from_std(self.policy.lease).unwrap_or(TimeDelta::seconds(60));
        let claimed = self.store.claim_due(now, lease, limit).await?;
        let mut report = DeliveryReport::default();
        for delivery in claimed {
            self.deliver_one(delivery, &mut report).await?;
        }
        if report != DeliveryReport::default() {
            tracing::info!(
                sent = report.sent,
                retrying = report.retrying,
                abandoned = report.abandoned,
                "alert deliveries"
            );
        }
        Ok(report)
    }

    async fn deliver_one(&self, delivery: Delivery, report: &mut DeliveryReport) -> Result<(), AlertStoreError> {
        let Some(notifier) = self.notifiers.iter().find(|n| n.channel() == delivery.channel) else {
            report.abandoned += 1;
            return self.store.failed(delivery.id, &format!("no channel named {}", delivery.channel), None).await;
        };
        let attempt = delivery.attempts + 1;
        match notifier.send(&delivery.alert.notification()).await {
            Ok(()) => {
                report.sent += 1;
                self.store.delivered(delivery.id, self.clock.now()).await
            }
            Err(NotifyError::Unavailable(reason)) if attempt < self.policy.max_attempts => {
                let delay = self.policy.backoff.saturating_mul(2_u32.saturating_pow(attempt - 1));
                let retry_at = self.clock.now() + TimeDelta::from_std(delay).unwrap_or(TimeDelta::hours(1));
                tracing::warn!(channel = %delivery.channel, attempt, %retry_at, reason, "alert delivery failed; will retry");
                report.retrying += 1;
                self.store.failed(delivery.id, &reason, Some(retry_at)).await
            }
            Err(e) => {
                tracing::error!(channel = %delivery.channel, attempt, error = %e, "alert delivery abandoned");
                report.abandoned += 1;
                self.store.failed(delivery.id, &e.to_string(), None).await
            }
        }
    }
}
