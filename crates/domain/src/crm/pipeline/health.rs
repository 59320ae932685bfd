//! The health score: coverage, distribution, win rate and velocity, 25 points each.

use serde::{Deserialize, Serialize};

use super::{amount, is_open, stage_in};
use crate::crm::config::PipelineConfig;
use crate::crm::records::{Opportunity, usable};
use crate::crm::rounding::round_python;

/// Each part rounded to 1 dp on its own, so they may not add up to the score (the reference's
/// golden 61.2 vs 61.1). Empty on no data, serialised as `{}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthBreakdown {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub win_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub velocity: Option<f64>,
}

/// `{score, rating, breakdown}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthScore {
    pub score: f64,
    pub rating: String,
    pub breakdown: HealthBreakdown,
}

fn rating(score: f64, cfg: &PipelineConfig) -> &'static str {
    if score >= cfg.excellent {
        "Excellent"
    } else if score >= cfg.good {
        "Good"
    } else if score >= cfg.fair {
        "Fair"
    } else {
        "Poor"
    }
}

/// Reference §3.4.
#[must_use]
pub fn health_score(opps: &[Opportunity], cfg: &PipelineConfig) -> HealthScore {
    if opps.is_empty() {
        return HealthScore { score: 0.0, rating: "No Data".to_owned(), breakdown: HealthBreakdown::default() };
    }
    let n = opps.len() as f64;
    let open_value: f64 = opps.iter().filter(|o| is_open(o)).map(amount).sum();
    let coverage = (open_value / cfg.quota).min(1.0) * 25.0;
    let advanced = opps.iter().filter(|o| stage_in(o, &cfg.advanced_stages)).count() as f64;
    let distribution = advanced / n * 25.0;
    let closed = opps.iter().filter(|o| o.is_closed).count();
    let won = opps.iter().filter(|o| o.is_closed && o.is_won).count();
    let win = if closed == 0 { cfg.no_closed_win_rate } else { won as f64 / closed as f64 };
    let win_rate = win * 25.0;
    let days: f64 = opps.iter().map(|o| usable(o.days_in_stage).unwrap_or(cfg.velocity_default_days)).sum::<f64>() / n;
    let velocity = (1.0 - days / cfg.velocity_horizon_days).max(0.0) * 25.0;
    let score = round_python(coverage + distribution + win_rate + velocity, 1);
    HealthScore {
        score,
        rating: rating(score, cfg).to_owned(),
        breakdown: HealthBreakdown {
            coverage: Some(round_python(coverage, 1)),
            distribution: Some(round_python(distribution, 1)),
            win_rate: Some(round_python(win_rate, 1)),
            velocity: Some(round_python(velocity, 1)),
        },
    }
}
