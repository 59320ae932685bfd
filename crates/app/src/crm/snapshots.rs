//! What a run stores per engine: one JSON snapshot each under the Hive layout, and what the
//! API serves back.

use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::crm::pipeline::FunnelStage;
use domain::crm::{PipelineHealth, RiskSummary, ScoreDistribution, ScoredAccount, ScoredLead};
use serde::{Deserialize, Serialize};

pub(crate) const LEADS: &str = "lead_scoring";
pub(crate) const PIPELINE: &str = "pipeline_health";
pub(crate) const CHURN: &str = "churn_risk";

/// Every scored lead, best first, with the distribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadSnapshot {
    pub run_id: Uuid,
    pub generated_at: DateTime<Utc>,
    pub distribution: ScoreDistribution,
    pub leads: Vec<ScoredLead>,
}

/// Dashboard KPIs that come from the pipeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PipelineKpis {
    pub open_opportunities: usize,
    pub total_pipeline_value: f64,
}

/// The pipeline analysis and its funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineSnapshot {
    pub run_id: Uuid,
    pub generated_at: DateTime<Utc>,
    pub analysis: PipelineHealth,
    pub funnel: Vec<FunnelStage>,
    pub kpis: PipelineKpis,
}

/// Every scored account, riskiest first, with the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChurnSnapshot {
    pub run_id: Uuid,
    pub generated_at: DateTime<Utc>,
    pub summary: RiskSummary,
    pub accounts: Vec<ScoredAccount>,
    pub open_cases: usize,
}

/// The three latest snapshots, served from memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    pub leads: LeadSnapshot,
    pub pipeline: PipelineSnapshot,
    pub churn: ChurnSnapshot,
}

/// Which daily trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKind {
    Leads,
    Pipeline,
    Churn,
}

impl HistoryKind {
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "leads" => Some(Self::Leads),
            "pipeline" => Some(Self::Pipeline),
            "churn" => Some(Self::Churn),
            _ => None,
        }
    }

    #[must_use]
    pub const fn snapshot_kind(self) -> &'static str {
        match self {
            Self::Leads => LEADS,
            Self::Pipeline => PIPELINE,
            Self::Churn => CHURN,
        }
    }
}

/// One day of a trend: the day's last snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub date: chrono::NaiveDate,
    pub generated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_risk_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_breakdown: Option<domain::crm::LevelCounts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority_breakdown: Option<domain::crm::PriorityCounts>,
}

/// One day of a record's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordPoint {
    pub date: chrono::NaiveDate,
    pub score: f64,
}
