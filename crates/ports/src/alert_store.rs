//! `AlertStore`: alert history (deduplicated, acknowledged) and the outbox of deliveries that
//! notify humans about them, so that delivery happens outside the request and survives restarts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Severity;
use domain::Uuid;
use domain::alert::{Alert, AlertSource, AlertStatus};

/// Why an alert-store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AlertStoreError {
    #[error("alert {0} not found")]
    NotFound(Uuid),
    #[error("alert store unavailable: {0}")]
    Unavailable(String),
}

/// What `record` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// A new alert; one delivery per channel was queued.
    New(Alert),
    /// An alert with the same dedup key exists; nothing was queued.
    Duplicate(Alert),
}

/// Which alerts to list (every field narrows; `None` = any).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlertFilter {
    pub status: Option<AlertStatus>,
    /// At least this severity.
    pub min_severity: Option<Severity>,
    pub source: Option<AlertSource>,
    pub kind: Option<String>,
    pub product_id: Option<u64>,
    /// `created_at` ≥ this.
    pub since: Option<DateTime<Utc>>,
}

/// A page of a listing, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertPage {
    pub items: Vec<Alert>,
    /// Matching alerts in all pages.
    pub total: u64,
}

/// A queued notification of one alert through one channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    pub id: Uuid,
    pub alert: Alert,
    /// A notifier's `channel()` name (`log`, `smtp`, `slack`).
    pub channel: String,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// Durable alert history and delivery outbox.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait AlertStore: Send + Sync {
    /// Stores `alert` unless one with the same `dedup_key` exists; for a new alert, queues one
    /// delivery per channel, due at once. Atomic: both or neither.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn record(&self, alert: &Alert, channels: &[String]) -> Result<Recorded, AlertStoreError>;

    /// # Errors
    /// MUST return `NotFound` for an unknown id.
    async fn get(&self, id: Uuid) -> Result<Alert, AlertStoreError>;

    /// Alerts matching `filter`, newest first (`created_at`, then id), `offset`/`limit` paged.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list(&self, filter: &AlertFilter, offset: u64, limit: u32) -> Result<AlertPage, AlertStoreError>;

    /// Marks the alert acknowledged by `by` at `at`. Acknowledging twice keeps the first
    /// acknowledgement and succeeds.
    ///
    /// # Errors
    /// MUST return `NotFound` for an unknown id.
    async fn acknowledge(&self, id: Uuid, by: &str, at: DateTime<Utc>) -> Result<Alert, AlertStoreError>;

    /// Claims up to `limit` deliveries due at `now` (pending, `next_attempt_at ≤ now`, not
    /// leased), leasing them until `lease_until` so concurrent workers never claim the same one.
    /// A lease that expires (a worker died) makes the delivery claimable again.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, AlertStoreError>;

    /// The delivery succeeded: it is done and never claimed again.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn delivered(&self, delivery: Uuid, at: DateTime<Utc>) -> Result<(), AlertStoreError>;

    /// The delivery failed with `error`: retried at `retry_at`, or abandoned when `None`.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn failed(&self, delivery: Uuid, error: &str, retry_at: Option<DateTime<Utc>>)
    -> Result<(), AlertStoreError>;
}
