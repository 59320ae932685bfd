//! Risk indicators and the recommendations that follow from them (reference §3.5–3.6).

use serde::{Deserialize, Serialize};

use super::health::HealthScore;
use super::{amount, is_open, stage_in};
use crate::crm::config::PipelineConfig;
use crate::crm::records::{Opportunity, usable};
use crate::crm::rounding::thousands;

/// One risk. Concentration has neither `count` nor `value`; thin funnel has no `value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskIndicator {
    #[serde(rename = "type")]
    pub kind: String,
    pub severity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    pub message: String,
}

pub(crate) const STALLED: &str = "Stalled Deals";
pub(crate) const CONCENTRATION: &str = "Concentration Risk";
pub(crate) const THIN_FUNNEL: &str = "Thin Top of Funnel";

/// Stalled deals, concentration, thin top of funnel, in that order. No data, no risk.
#[must_use]
pub fn risk_indicators(opps: &[Opportunity], cfg: &PipelineConfig) -> Vec<RiskIndicator> {
    let mut out = Vec::new();
    if opps.is_empty() {
        return out;
    }
    let open: Vec<&Opportunity> = opps.iter().filter(|o| is_open(o)).collect();
    let stalled: Vec<&&Opportunity> =
        open.iter().filter(|o| usable(o.days_in_stage).is_some_and(|d| d > cfg.stalled_days)).collect();
    if !stalled.is_empty() {
        let value: f64 = stalled.iter().map(|o| amount(o)).sum();
        out.push(RiskIndicator {
            kind: STALLED.to_owned(),
            severity: "High".to_owned(),
            count: Some(stalled.len()),
            value: Some(value),
            message: format!(
                "{} deals stalled (>{} days in current stage), worth £{}",
                stalled.len(),
                cfg.stalled_days,
                thousands(value)
            ),
        });
    }
    let total: f64 = open.iter().map(|o| amount(o)).sum();
    let largest = open.iter().map(|o| amount(o)).fold(0.0, f64::max);
    if total > 0.0 && largest / total > cfg.concentration_share {
        out.push(RiskIndicator {
            kind: CONCENTRATION.to_owned(),
            severity: "Medium".to_owned(),
            count: None,
            value: None,
            message: format!("Largest deal represents {:.0}% of pipeline", largest / total * 100.0),
        });
    }
    let early = open.iter().filter(|o| stage_in(o, &cfg.early_stages)).count();
    if early < cfg.thin_funnel_min {
        out.push(RiskIndicator {
            kind: THIN_FUNNEL.to_owned(),
            severity: "Medium".to_owned(),
            count: Some(early),
            value: None,
            message: format!("Only {early} deals in early stages — future pipeline at risk"),
        });
    }
    out
}

/// One sentence per risk in risk order, then the win-rate advice.
#[must_use]
pub fn recommendations(
    risks: &[RiskIndicator],
    health: &HealthScore,
    empty: bool,
    cfg: &PipelineConfig,
) -> Vec<String> {
    if empty {
        return vec!["No opportunity data available for analysis.".to_owned()];
    }
    let mut out: Vec<String> = risks
        .iter()
        .filter_map(|r| match r.kind.as_str() {
            STALLED => Some(format!(
                "Review {} stalled deals — consider re-engagement campaigns or pipeline clean-up.",
                r.count.unwrap_or(0)
            )),
            CONCENTRATION => {
                Some("Diversify pipeline — high dependency on a single large deal increases forecast risk.".to_owned())
            }
            THIN_FUNNEL => Some(
                "Increase prospecting activity — the early-stage pipeline is thin and will impact future quarters."
                    .to_owned(),
            ),
            _ => None,
        })
        .collect();
    if health.breakdown.win_rate.is_some_and(|w| w < cfg.win_rate_part_below) {
        out.push(
            "Win rate is below target — review qualification criteria and sales process effectiveness.".to_owned(),
        );
    }
    out
}
