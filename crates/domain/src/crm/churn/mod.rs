//! Churn prediction (reference §4): four risk signals in 0..1, weighted, rounded to 3 dp.

mod signals;
mod summary;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use signals::parse_sf_datetime;
pub use summary::{HighRiskAccount, LevelCounts, RiskSummary, risk_summary};

use super::config::ChurnConfig;
use super::explain::Factor;
use super::priority::RiskLevel;
use super::records::{Account, Case, Opportunity};
use super::rounding::round_numpy;

/// An account with its churn score, level, named risk factors and explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredAccount {
    #[serde(flatten)]
    pub account: Account,
    #[serde(rename = "Churn_Risk_Score")]
    pub score: f64,
    #[serde(rename = "Churn_Risk_Level")]
    pub level: RiskLevel,
    #[serde(rename = "Risk_Factors")]
    pub risk_factors: Vec<String>,
    pub explanation: Vec<Factor>,
}

const FACTOR_NAMES: [(&str, &str); 4] = [
    ("case_risk", "High support case volume or escalations"),
    ("engagement_risk", "Low engagement — no recent activity"),
    ("revenue_risk", "No recent closed-won opportunities"),
    ("satisfaction_risk", "Low customer satisfaction scores"),
];

/// Scores every account against the cases and opportunities, riskiest first; ties keep input
/// order. `now` is the analysis instant (UTC, naive) for the days since the last activity.
#[must_use]
pub fn score_accounts(
    accounts: &[Account],
    cases: &[Case],
    opps: &[Opportunity],
    now: NaiveDateTime,
    cfg: &ChurnConfig,
) -> Vec<ScoredAccount> {
    let ctx = signals::Context::new(accounts, cases, opps, cfg);
    let mut out: Vec<ScoredAccount> = accounts
        .iter()
        .map(|a| {
            let explanation = ctx.explain(a, now);
            let total: f64 = explanation.iter().map(|f| f.contribution).sum();
            let score = round_numpy(total, 3);
            let mut risk_factors: Vec<String> = explanation
                .iter()
                .zip(FACTOR_NAMES)
                .filter(|(f, _)| f.normalised > cfg.factor_threshold)
                .map(|(_, (_, label))| label.to_owned())
                .collect();
            if risk_factors.is_empty() {
                risk_factors.push("No significant risk factors identified".to_owned());
            }
            ScoredAccount { account: a.clone(), score, level: RiskLevel::of(score, cfg), risk_factors, explanation }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}
