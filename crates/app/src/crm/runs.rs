//! Run history: what each pipeline run did, newest first. Kept in memory (bounded): it is lost on
//! restart, while the snapshots it wrote stay in the `ResultStore`.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Succeeded,
    Failed,
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

/// Bounded, newest first.
#[derive(Debug)]
pub(crate) struct RunHistory {
    runs: Mutex<VecDeque<RunRecord>>,
    keep: usize,
}

impl RunHistory {
    pub(crate) fn new(keep: usize) -> Self {
        Self { runs: Mutex::new(VecDeque::new()), keep: keep.max(1) }
    }

    pub(crate) fn push(&self, run: RunRecord) {
        let mut runs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        runs.push_front(run);
        runs.truncate(self.keep);
    }

    pub(crate) fn list(&self) -> Vec<RunRecord> {
        self.runs.lock().unwrap_or_else(PoisonError::into_inner).iter().cloned().collect()
    }
}

/// The reference's `daily_summary` text.
pub(crate) fn summary_text(s: &RunSummary, generated: DateTime<Utc>, recommendations: &[String]) -> String {
    let mut t = String::from("=== Salesforce Analytics Daily Summary ===\n");
    t += &format!("Generated: {}\n\n", generated.format("%Y-%m-%d %H:%M UTC"));
    t += &format!(
        "--- Lead Scoring ---\nTotal scored: {}\nAverage score: {}\nCritical: {}\nHigh: {}\n\n",
        s.leads_scored, s.average_lead_score, s.critical_leads, s.high_leads
    );
    t += &format!(
        "--- Pipeline Health ---\nScore: {}/100 ({})\nRisks identified: {}\n\n",
        s.health_score, s.health_rating, s.risks
    );
    t += &format!(
        "--- Churn Risk ---\nAccounts analysed: {}\nHigh risk accounts: {}\nRevenue at risk: £{}\n\n--- Recommendations ---\n",
        s.accounts_analysed,
        s.high_risk_accounts,
        domain::crm::thousands(s.revenue_at_risk)
    );
    for r in recommendations {
        t += &format!("• {r}\n");
    }
    t
}
