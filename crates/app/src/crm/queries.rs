//! Reads: the latest snapshots (memory first, then the store), daily trends and a record's
//! daily scores from the stored snapshots.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use ports::{SnapshotKey, SnapshotMeta};
use serde::de::DeserializeOwned;

use super::snapshots::{
    CHURN, ChurnSnapshot, HistoryKind, LEADS, Latest, LeadSnapshot, PIPELINE, PipelineSnapshot, RecordPoint, TrendPoint,
};
use super::{CrmService, CrmServiceError};

impl CrmService {
    async fn read<T: DeserializeOwned>(&self, key: &SnapshotKey) -> Result<T, CrmServiceError> {
        let bytes = self.ports.store.get(key).await?;
        serde_json::from_slice(&bytes).map_err(|e| CrmServiceError::Corrupt(key.path(), e.to_string()))
    }

    async fn newest<T: DeserializeOwned>(&self, kind: &str) -> Result<T, CrmServiceError> {
        let list = self.ports.store.list(kind, None).await?;
        let last = list.last().ok_or(CrmServiceError::NoSnapshot)?;
        self.read(&last.key).await
    }

    /// The latest analysis: kept in memory after a run, read from the store after a restart.
    ///
    /// # Errors
    /// `NoSnapshot` before the first run; store failures.
    pub async fn latest(&self) -> Result<Arc<Latest>, CrmServiceError> {
        if let Some(latest) = self.cached() {
            return Ok(latest);
        }
        let leads: LeadSnapshot = self.newest(LEADS).await?;
        let pipeline: PipelineSnapshot = self.newest(PIPELINE).await?;
        let churn: ChurnSnapshot = self.newest(CHURN).await?;
        self.set_cached(Latest { leads, pipeline, churn });
        self.cached().ok_or(CrmServiceError::NoSnapshot)
    }

    /// The last snapshot of each of the last `days` days (today included), oldest first.
    async fn daily(&self, kind: &str, days: u32) -> Result<Vec<(NaiveDate, SnapshotMeta)>, CrmServiceError> {
        let today = self.ports.clock.now().date_naive();
        let first = today - Duration::days(i64::from(days.max(1)) - 1);
        let since = first.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        let mut per_day: BTreeMap<NaiveDate, SnapshotMeta> = BTreeMap::new();
        for meta in self.ports.store.list(kind, since).await? {
            per_day.insert(meta.key.at().date_naive(), meta);
        }
        Ok(per_day.into_iter().collect())
    }

    /// Daily trend points of `kind` over the last `days` days.
    ///
    /// # Errors
    /// Store failures and unreadable snapshots.
    pub async fn history(&self, kind: HistoryKind, days: u32) -> Result<Vec<TrendPoint>, CrmServiceError> {
        let mut out = Vec::new();
        for (date, meta) in self.daily(kind.snapshot_kind(), days).await? {
            let mut p = TrendPoint {
                date,
                generated_at: meta.key.at(),
                average_score: None,
                median_score: None,
                score: None,
                rating: None,
                average_risk_score: None,
                risk_breakdown: None,
                priority_breakdown: None,
            };
            match kind {
                HistoryKind::Leads => {
                    let s: LeadSnapshot = self.read(&meta.key).await?;
                    p.average_score = Some(s.distribution.average_score);
                    p.median_score = Some(s.distribution.median_score);
                    p.priority_breakdown = Some(s.distribution.priority_breakdown);
                }
                HistoryKind::Pipeline => {
                    let s: PipelineSnapshot = self.read(&meta.key).await?;
                    p.score = Some(s.analysis.health_score.score);
                    p.rating = Some(s.analysis.health_score.rating);
                }
                HistoryKind::Churn => {
                    let s: ChurnSnapshot = self.read(&meta.key).await?;
                    p.average_risk_score = Some(s.summary.average_risk_score);
                    p.risk_breakdown = Some(s.summary.risk_breakdown);
                }
            }
            out.push(p);
        }
        Ok(out)
    }

    /// One lead's score per day over the last `days` days (days where it was absent skipped).
    ///
    /// # Errors
    /// Store failures and unreadable snapshots.
    pub async fn lead_history(&self, id: &str, days: u32) -> Result<Vec<RecordPoint>, CrmServiceError> {
        let mut out = Vec::new();
        for (date, meta) in self.daily(LEADS, days).await? {
            let s: LeadSnapshot = self.read(&meta.key).await?;
            if let Some(l) = s.leads.iter().find(|l| l.lead.id == id) {
                out.push(RecordPoint { date, score: l.score });
            }
        }
        Ok(out)
    }

    /// One account's churn score per day over the last `days` days.
    ///
    /// # Errors
    /// Store failures and unreadable snapshots.
    pub async fn account_history(&self, id: &str, days: u32) -> Result<Vec<RecordPoint>, CrmServiceError> {
        let mut out = Vec::new();
        for (date, meta) in self.daily(CHURN, days).await? {
            let s: ChurnSnapshot = self.read(&meta.key).await?;
            if let Some(a) = s.accounts.iter().find(|a| a.account.id == id) {
                out.push(RecordPoint { date, score: a.score });
            }
        }
        Ok(out)
    }

    /// The CRM's alerts from the shared history, oldest first, at most `limit`.
    ///
    /// # Errors
    /// When the alert store is unavailable.
    pub async fn alerts(&self, limit: u32) -> Result<Vec<domain::alert::Alert>, ports::AlertStoreError> {
        let filter =
            ports::AlertFilter { source: Some(domain::alert::AlertSource::Crm), ..ports::AlertFilter::default() };
        let mut page = self.ports.alerts.list(&filter, 0, limit).await?.items;
        page.reverse();
        Ok(page)
    }
}
