//! Use cases: raise alerts (deduplicated), deliver them through every channel outside the
//! request with retries and backoff, list and acknowledge them.

mod deliver;

pub use deliver::DeliveryReport;

use std::sync::Arc;
use std::time::Duration;

use domain::alert::{Alert, AlertSource, AlertStatus, dedup_key};
use domain::{ProductId, Severity, Uuid};
use ports::{AlertFilter, AlertPage, AlertStore, AlertStoreError, Clock, IdGenerator, Notifier, Recorded};

/// How deliveries are retried.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    /// First retry delay; doubled with each further attempt.
    pub backoff: Duration,
    /// How long a claimed delivery is held before another worker may take it.
    pub lease: Duration,
}

/// What a pipeline wants to tell humans.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertDraft {
    pub source: AlertSource,
    pub kind: String,
    pub severity: Severity,
    pub scope: String,
    pub product_id: Option<ProductId>,
    pub date: Option<chrono::NaiveDate>,
    pub title: String,
    pub message: String,
}

/// Alert history and delivery.
pub struct AlertService {
    store: Arc<dyn AlertStore>,
    notifiers: Vec<Arc<dyn Notifier>>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
    policy: RetryPolicy,
}

impl std::fmt::Debug for AlertService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let channels: Vec<&str> = self.notifiers.iter().map(|n| n.channel()).collect();
        f.debug_struct("AlertService")
            .field("channels", &channels)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl AlertService {
    #[must_use]
    pub fn new(
        store: Arc<dyn AlertStore>,
        notifiers: Vec<Arc<dyn Notifier>>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        policy: RetryPolicy,
    ) -> Self {
        Self { store, notifiers, clock, ids, policy }
    }

    /// Records the alert (once per dedup key) and queues one delivery per channel. Nothing is
    /// sent here: delivery happens in [`AlertService::deliver_due`], outside any request.
    ///
    /// # Errors
    /// When the alert store is unavailable.
    #[tracing::instrument(skip_all, fields(kind = %draft.kind, severity = %draft.severity), err)]
    pub async fn raise(&self, draft: AlertDraft) -> Result<Recorded, AlertStoreError> {
        let alert = Alert {
            id: self.ids.new_id(),
            dedup_key: dedup_key(draft.source, &draft.scope, draft.product_id, draft.date, &draft.kind),
            source: draft.source,
            kind: draft.kind,
            severity: draft.severity,
            scope: draft.scope,
            product_id: draft.product_id,
            date: draft.date,
            title: draft.title,
            message: draft.message,
            created_at: self.clock.now(),
            status: AlertStatus::Open,
            acknowledged_at: None,
            acknowledged_by: None,
        };
        let channels: Vec<String> = self.notifiers.iter().map(|n| n.channel().to_owned()).collect();
        let recorded = self.store.record(&alert, &channels).await?;
        match &recorded {
            Recorded::New(a) => tracing::info!(alert = %a.id, channels = channels.len(), "alert raised"),
            Recorded::Duplicate(a) => tracing::debug!(alert = %a.id, "alert already known; not notified again"),
        }
        Ok(recorded)
    }

    /// # Errors
    /// When the alert store is unavailable.
    pub async fn list(&self, filter: &AlertFilter, offset: u64, limit: u32) -> Result<AlertPage, AlertStoreError> {
        self.store.list(filter, offset, limit).await
    }

    /// # Errors
    /// `NotFound` for an unknown id.
    pub async fn get(&self, id: Uuid) -> Result<Alert, AlertStoreError> {
        self.store.get(id).await
    }

    /// Marks the alert acknowledged by `by` (idempotent).
    ///
    /// # Errors
    /// `NotFound` for an unknown id.
    pub async fn acknowledge(&self, id: Uuid, by: &str) -> Result<Alert, AlertStoreError> {
        self.store.acknowledge(id, by, self.clock.now()).await
    }
}
