//! `CrmRunStore`: the history of CRM pipeline runs (what each run did), kept across restarts.
//!
//! The record types live here, beside the port, because every adapter stores them whole: they
//! are the API's run shape (`GET /api/v1/crm/runs`), so adapters keep them as JSON next to the
//! few columns they sort and prune by.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Uuid;
use serde::{Deserialize, Serialize};

/// What started a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunTrigger {
    Startup,
    Api,
    Schedule,
    Cli,
}

impl RunTrigger {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Startup => "startup",
            Self::Api => "api",
            Self::Schedule => "schedule",
            Self::Cli => "cli",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Succeeded,
    Failed,
}

impl RunStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }
}

/// Records extracted per object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractCounts {
    pub leads: usize,
    pub opportunities: usize,
    pub accounts: usize,
    pub cases: usize,
}

/// One writeback step (`updated`/`created` = written; in a dry run, what would be written).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepReport {
    pub written: usize,
    pub errors: usize,
    pub skipped_duplicates: usize,
}

/// The reference's `run_full_writeback` result, plus duplicates skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WritebackReport {
    pub dry_run: bool,
    pub lead_scores: StepReport,
    pub churn_risk: StepReport,
    pub follow_up_tasks: StepReport,
    pub intervention_tasks: StepReport,
}

/// The run's headline figures (the reference Lambda's `summary`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub leads_scored: usize,
    pub average_lead_score: f64,
    pub critical_leads: usize,
    pub high_leads: usize,
    pub health_score: f64,
    pub health_rating: String,
    pub risks: usize,
    pub accounts_analysed: usize,
    pub high_risk_accounts: usize,
    pub revenue_at_risk: f64,
    /// The reference's multi-line daily summary text.
    pub text: String,
}

/// One run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub id: Uuid,
    pub trigger: RunTrigger,
    pub status: RunStatus,
    pub dry_run: bool,
    pub source: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub extracted: ExtractCounts,
    /// Paths of the snapshots written.
    pub snapshots: Vec<String>,
    pub writeback: Option<WritebackReport>,
    pub alerts_raised: usize,
    pub summary: Option<RunSummary>,
    pub error: Option<String>,
}

/// Why a run-store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum RunStoreError {
    #[error("CRM run {0} not found")]
    NotFound(Uuid),
    #[error("CRM run store unavailable: {0}")]
    Unavailable(String),
}

/// Durable, bounded history of CRM runs.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait CrmRunStore: Send + Sync {
    /// Stores `run`, replacing a stored run with the same id (saving twice is harmless), then
    /// keeps only the `keep` newest runs (`started_at`, then id; at least one). Atomic: a
    /// concurrent `list` sees the history before or after, never without the new run.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn save(&self, run: &RunRecord, keep: u32) -> Result<(), RunStoreError>;

    /// # Errors
    /// MUST return `NotFound` for an unknown (or pruned) id.
    async fn get(&self, id: Uuid) -> Result<RunRecord, RunStoreError>;

    /// Up to `limit` runs, newest first (`started_at`, then id, both descending).
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list(&self, limit: u32) -> Result<Vec<RunRecord>, RunStoreError>;
}
