//! Pipeline health (reference §3): stage summary, velocity, forecast, a 4×25-point health score,
//! risk indicators and recommendations.

mod health;
mod risks;
mod summary;

use serde::{Deserialize, Serialize};

pub use health::{HealthBreakdown, HealthScore, health_score};
pub use risks::{RiskIndicator, recommendations, risk_indicators};
pub use summary::{Forecast, FunnelStage, StageSummary, VelocityMetrics, forecast, funnel, stage_summary, velocity};

use super::config::PipelineConfig;
use super::records::{Opportunity, usable};

/// Reference §3 (`analyse_pipeline`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineHealth {
    pub stage_summary: Vec<StageSummary>,
    pub velocity_metrics: VelocityMetrics,
    pub forecast: Forecast,
    pub health_score: HealthScore,
    pub risk_indicators: Vec<RiskIndicator>,
    pub recommendations: Vec<String>,
}

/// Amount, with absent or unusable values as 0 (the reference's `to_numeric(...).fillna(0)`).
pub(crate) fn amount(o: &Opportunity) -> f64 {
    usable(o.amount).unwrap_or(0.0)
}

/// Probability in percent, absent → 0.
pub(crate) fn probability(o: &Opportunity) -> f64 {
    usable(o.probability).unwrap_or(0.0)
}

pub(crate) fn is_open(o: &Opportunity) -> bool {
    !o.is_closed
}

pub(crate) fn stage_in(o: &Opportunity, stages: &[String]) -> bool {
    o.stage_name.as_deref().is_some_and(|s| stages.iter().any(|x| x == s))
}

/// The whole analysis. An empty list gives zeros, "No Data" and one recommendation.
#[must_use]
pub fn analyse_pipeline(opps: &[Opportunity], cfg: &PipelineConfig) -> PipelineHealth {
    let health_score = health_score(opps, cfg);
    let risk_indicators = risk_indicators(opps, cfg);
    let recommendations = recommendations(&risk_indicators, &health_score, opps.is_empty(), cfg);
    PipelineHealth {
        stage_summary: stage_summary(opps, cfg),
        velocity_metrics: velocity(opps),
        forecast: forecast(opps),
        health_score,
        risk_indicators,
        recommendations,
    }
}
