//! Alert history and delivery outbox in memory.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::alert::{Alert, AlertStatus};
use ports::{AlertFilter, AlertPage, AlertStore, AlertStoreError, Delivery, Recorded};

#[derive(Debug, Clone)]
struct Queued {
    id: Uuid,
    alert_id: Uuid,
    channel: String,
    attempts: u32,
    next_attempt_at: Option<DateTime<Utc>>,
    leased_until: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

#[derive(Debug, Default)]
struct State {
    alerts: Vec<Alert>,
    deliveries: Vec<Queued>,
    next_delivery: u128,
}

/// An [`AlertStore`] in memory, with the same semantics as the SQL stores.
#[derive(Debug, Default)]
pub struct MemoryAlertStore {
    state: Mutex<State>,
}

impl MemoryAlertStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Deliveries not yet done, with their last error: (alert id, channel, attempts, error).
    #[must_use]
    pub fn pending(&self) -> Vec<(Uuid, String, u32, Option<String>)> {
        let state = self.lock();
        state
            .deliveries
            .iter()
            .filter(|d| d.next_attempt_at.is_some())
            .map(|d| (d.alert_id, d.channel.clone(), d.attempts, d.last_error.clone()))
            .collect()
    }
}

fn matches(alert: &Alert, f: &AlertFilter) -> bool {
    f.status.is_none_or(|s| alert.status == s)
        && f.min_severity.is_none_or(|s| alert.severity >= s)
        && f.source.is_none_or(|s| alert.source == s)
        && f.kind.as_ref().is_none_or(|k| &alert.kind == k)
        && f.product_id.is_none_or(|p| alert.product_id.map(domain::ProductId::get) == Some(p))
        && f.since.is_none_or(|s| alert.created_at >= s)
}

#[async_trait]
impl AlertStore for MemoryAlertStore {
    async fn record(&self, alert: &Alert, channels: &[String]) -> Result<Recorded, AlertStoreError> {
        let mut state = self.lock();
        if let Some(existing) = state.alerts.iter().find(|a| a.dedup_key == alert.dedup_key) {
            return Ok(Recorded::Duplicate(existing.clone()));
        }
        state.alerts.push(alert.clone());
        for channel in channels {
            state.next_delivery += 1;
            let id = Uuid::from_u128(state.next_delivery);
            let queued = Queued {
                id,
                alert_id: alert.id,
                channel: channel.clone(),
                attempts: 0,
                next_attempt_at: Some(alert.created_at),
                leased_until: None,
                last_error: None,
            };
            state.deliveries.push(queued);
        }
        Ok(Recorded::New(alert.clone()))
    }

    async fn get(&self, id: Uuid) -> Result<Alert, AlertStoreError> {
        self.lock().alerts.iter().find(|a| a.id == id).cloned().ok_or(AlertStoreError::NotFound(id))
    }

    async fn list(&self, filter: &AlertFilter, offset: u64, limit: u32) -> Result<AlertPage, AlertStoreError> {
        let state = self.lock();
        let mut found: Vec<&Alert> = state.alerts.iter().filter(|a| matches(a, filter)).collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        let total = found.len() as u64;
        let items = found
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(limit as usize)
            .cloned()
            .collect();
        Ok(AlertPage { items, total })
    }

    async fn acknowledge(&self, id: Uuid, by: &str, at: DateTime<Utc>) -> Result<Alert, AlertStoreError> {
        let mut state = self.lock();
        let alert = state.alerts.iter_mut().find(|a| a.id == id).ok_or(AlertStoreError::NotFound(id))?;
        if alert.status == AlertStatus::Open {
            alert.status = AlertStatus::Acknowledged;
            alert.acknowledged_at = Some(at);
            alert.acknowledged_by = Some(by.to_owned());
        }
        Ok(alert.clone())
    }

    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, AlertStoreError> {
        let mut state = self.lock();
        let mut due: Vec<usize> = (0..state.deliveries.len())
            .filter(|i| {
                let d = &state.deliveries[*i];
                d.next_attempt_at.is_some_and(|t| t <= now) && d.leased_until.is_none_or(|l| l <= now)
            })
            .collect();
        due.sort_by_key(|i| (state.deliveries[*i].next_attempt_at, state.deliveries[*i].id));
        due.truncate(limit as usize);
        let mut claimed = Vec::with_capacity(due.len());
        for i in due {
            state.deliveries[i].leased_until = Some(lease_until);
            let d = state.deliveries[i].clone();
            let alert = state.alerts.iter().find(|a| a.id == d.alert_id).cloned();
            if let Some(alert) = alert {
                claimed.push(Delivery { id: d.id, alert, channel: d.channel, attempts: d.attempts });
            }
        }
        Ok(claimed)
    }

    async fn delivered(&self, delivery: Uuid, _at: DateTime<Utc>) -> Result<(), AlertStoreError> {
        let mut state = self.lock();
        if let Some(d) = state.deliveries.iter_mut().find(|d| d.id == delivery) {
            d.attempts += 1;
            d.next_attempt_at = None;
            d.leased_until = None;
        }
        Ok(())
    }

    async fn failed(
        &self,
        delivery: Uuid,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), AlertStoreError> {
        let mut state = self.lock();
        if let Some(d) = state.deliveries.iter_mut().find(|d| d.id == delivery) {
            d.attempts += 1;
            d.next_attempt_at = retry_at;
            d.leased_until = None;
            d.last_error = Some(error.to_owned());
        }
        Ok(())
    }
}
