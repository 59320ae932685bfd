//! Stage summary, funnel, velocity metrics and the forecast buckets.

use serde::{Deserialize, Serialize};

use super::{amount, is_open, probability};
use crate::crm::config::PipelineConfig;
use crate::crm::records::{Opportunity, usable};
use crate::crm::rounding::{mean, median};

/// One configured stage (reference §3.1). Unknown stages are left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub stage: String,
    pub count: usize,
    pub total_value: f64,
    pub avg_value: f64,
    pub weighted_value: f64,
}

/// One funnel entry (reference §3.7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    pub stage: String,
    pub count: usize,
    pub total_value: f64,
    pub avg_value: f64,
}

/// Reference §3.2.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VelocityMetrics {
    pub avg_days_in_current_stage: f64,
    pub median_days_in_stage: f64,
    pub open_deals: usize,
    pub open_pipeline_value: f64,
    pub closed_won_count: usize,
    pub closed_won_value: f64,
    pub avg_deal_size: f64,
}

/// Reference §3.3: disjoint buckets over open deals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub best_case: f64,
    pub commit: f64,
    pub pipeline: f64,
    pub total_weighted: f64,
}

/// Seven entries in configured order, whatever the input.
#[must_use]
pub fn stage_summary(opps: &[Opportunity], cfg: &PipelineConfig) -> Vec<StageSummary> {
    cfg.stages
        .iter()
        .map(|stage| {
            let in_stage: Vec<&Opportunity> =
                opps.iter().filter(|o| o.stage_name.as_deref() == Some(stage.as_str())).collect();
            let total: f64 = in_stage.iter().map(|o| amount(o)).sum();
            let count = in_stage.len();
            StageSummary {
                stage: stage.clone(),
                count,
                total_value: total,
                avg_value: if count == 0 { 0.0 } else { total / count as f64 },
                weighted_value: in_stage.iter().map(|o| amount(o) * probability(o) / 100.0).sum(),
            }
        })
        .collect()
}

/// The funnel: `[]` for no opportunity, else one entry per configured stage.
#[must_use]
pub fn funnel(opps: &[Opportunity], cfg: &PipelineConfig) -> Vec<FunnelStage> {
    if opps.is_empty() {
        return Vec::new();
    }
    stage_summary(opps, cfg)
        .into_iter()
        .map(|s| FunnelStage { stage: s.stage, count: s.count, total_value: s.total_value, avg_value: s.avg_value })
        .collect()
}

/// Days in stage over **all** opportunities (closed ones too), absent → 0.
#[must_use]
pub fn velocity(opps: &[Opportunity]) -> VelocityMetrics {
    let days: Vec<f64> = opps.iter().map(|o| usable(o.days_in_stage).unwrap_or(0.0)).collect();
    let won: Vec<f64> = opps.iter().filter(|o| o.is_won).map(amount).collect();
    VelocityMetrics {
        avg_days_in_current_stage: mean(&days),
        median_days_in_stage: median(&days),
        open_deals: opps.iter().filter(|o| is_open(o)).count(),
        open_pipeline_value: opps.iter().filter(|o| is_open(o)).map(amount).sum(),
        closed_won_count: won.len(),
        closed_won_value: won.iter().sum(),
        avg_deal_size: mean(&won),
    }
}

/// Open deals by `ForecastCategory` (absent counts as "Pipeline").
#[must_use]
pub fn forecast(opps: &[Opportunity]) -> Forecast {
    let mut f = Forecast::default();
    for o in opps.iter().filter(|o| is_open(o)) {
        let a = amount(o);
        match o.forecast_category.as_deref().unwrap_or("Pipeline") {
            "Best Case" => f.best_case += a,
            "Commit" => f.commit += a,
            "Pipeline" => f.pipeline += a,
            _ => {}
        }
        f.total_weighted += a * probability(o) / 100.0;
    }
    f
}
