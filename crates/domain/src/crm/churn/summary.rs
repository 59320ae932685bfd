//! `get_risk_summary` (reference §4).

use serde::{Deserialize, Serialize};

use super::ScoredAccount;
use crate::crm::priority::RiskLevel;
use crate::crm::records::usable;
use crate::crm::rounding::{mean, round_python};

/// Counts per level, always Low, Medium, High.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCounts {
    #[serde(rename = "Low")]
    pub low: usize,
    #[serde(rename = "Medium")]
    pub medium: usize,
    #[serde(rename = "High")]
    pub high: usize,
}

impl LevelCounts {
    #[must_use]
    pub const fn get(&self, l: RiskLevel) -> usize {
        match l {
            RiskLevel::Low => self.low,
            RiskLevel::Medium => self.medium,
            RiskLevel::High => self.high,
        }
    }
}

/// A High-risk account in the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HighRiskAccount {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Name")]
    pub name: Option<String>,
    #[serde(rename = "Industry")]
    pub industry: Option<String>,
    #[serde(rename = "Churn_Risk_Score")]
    pub score: f64,
}

/// The churn summary. No accounts gives zeros (the reference returned a bare `{}` breakdown).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RiskSummary {
    pub total_accounts: usize,
    pub average_risk_score: f64,
    pub risk_breakdown: LevelCounts,
    pub high_risk_accounts: Vec<HighRiskAccount>,
    pub total_revenue_at_risk: f64,
}

/// Summarises scored accounts (already sorted riskiest first).
#[must_use]
pub fn risk_summary(scored: &[ScoredAccount]) -> RiskSummary {
    let mut counts = LevelCounts::default();
    for s in scored {
        match s.level {
            RiskLevel::Low => counts.low += 1,
            RiskLevel::Medium => counts.medium += 1,
            RiskLevel::High => counts.high += 1,
        }
    }
    let high = scored.iter().filter(|s| s.level == RiskLevel::High);
    let scores: Vec<f64> = scored.iter().map(|s| s.score).collect();
    RiskSummary {
        total_accounts: scored.len(),
        average_risk_score: round_python(mean(&scores), 3),
        risk_breakdown: counts,
        high_risk_accounts: high
            .clone()
            .map(|s| HighRiskAccount {
                id: s.account.id.clone(),
                name: s.account.name.clone(),
                industry: s.account.industry.clone(),
                score: s.score,
            })
            .collect(),
        total_revenue_at_risk: high.map(|s| usable(s.account.annual_revenue).unwrap_or(0.0)).sum(),
    }
}
