//! Lead scoring (reference §2): six normalised factors, weighted, ×100, clipped, rounded to 1 dp.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::config::LeadScoringConfig;
use super::explain::{Factor, FactorInput};
use super::priority::Priority;
use super::records::{Lead, usable};
use super::rounding::round_numpy;

/// A lead with its score, priority and explanation (the record's fields stay at the top level,
/// as in the reference's API).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredLead {
    #[serde(flatten)]
    pub lead: Lead,
    #[serde(rename = "Lead_Score")]
    pub score: f64,
    #[serde(rename = "Priority")]
    pub priority: Priority,
    pub explanation: Vec<Factor>,
}

fn factor(name: &'static str, raw: FactorInput, defaulted: bool, normalised: f64, weight: f64) -> Factor {
    Factor {
        factor: Cow::Borrowed(name),
        raw,
        defaulted,
        normalised,
        weight,
        contribution: weight * normalised * 100.0,
    }
}

fn or_default(x: Option<f64>, default: f64) -> (f64, bool) {
    usable(x).map_or((default, true), |v| (v, false))
}

/// The six factors of one lead, in the reference's order.
#[must_use]
pub fn explain_lead(lead: &Lead, cfg: &LeadScoringConfig) -> Vec<Factor> {
    let w = &cfg.weights;
    let (emp, emp_d) = or_default(lead.number_of_employees, cfg.default_employees);
    let mut size = (1.0 + emp).ln() / (1.0 + cfg.employees_cap).ln();
    if cfg.clip_company_size {
        size = size.min(1.0);
    }
    let (visits, v_d) = or_default(lead.website_visits, 0.0);
    let (downloads, d_d) = or_default(lead.content_downloads, 0.0);
    let engagement = (visits / cfg.visits_cap * cfg.visits_share + downloads / cfg.downloads_cap * cfg.downloads_share)
        .clamp(0.0, 1.0);
    let (industry_raw, industry) = match lead.industry.as_deref() {
        Some(i) if cfg.target_industries.iter().any(|t| t == i) => {
            (FactorInput::Text(i.to_owned()), cfg.target_industry_score)
        }
        Some(i) => (FactorInput::Text(i.to_owned()), cfg.other_industry_score),
        None => (FactorInput::Absent, cfg.other_industry_score),
    };
    let (revenue, r_d) = or_default(lead.annual_revenue, 0.0);
    let budget = ((1.0 + revenue).ln() / (1.0 + cfg.revenue_cap).ln()).clamp(0.0, 1.0);
    let (days, days_d) = or_default(lead.days_since_last_activity, cfg.default_days_inactive);
    let response = (1.0 - days / cfg.response_horizon_days).clamp(0.0, 1.0);
    let (opens, o_d) = or_default(lead.email_opens, 0.0);
    let opens_n = (opens / cfg.opens_cap).clamp(0.0, 1.0);
    vec![
        factor("company_size", FactorInput::Number(emp), emp_d, size, w.company_size),
        factor(
            "engagement_score",
            FactorInput::Engagement { website_visits: visits, content_downloads: downloads },
            v_d || d_d,
            engagement,
            w.engagement_score,
        ),
        factor("industry_match", industry_raw, lead.industry.is_none(), industry, w.industry_match),
        factor("budget_range", FactorInput::Number(revenue), r_d, budget, w.budget_range),
        factor("response_time_days", FactorInput::Number(days), days_d, response, w.response_time_days),
        factor("email_opens", FactorInput::Number(opens), o_d, opens_n, w.email_opens),
    ]
}

/// Scores one lead.
#[must_use]
pub fn score_lead(lead: &Lead, cfg: &LeadScoringConfig) -> ScoredLead {
    let explanation = explain_lead(lead, cfg);
    let total: f64 = explanation.iter().map(|f| f.contribution).sum();
    let score = round_numpy(total.clamp(0.0, 100.0), 1);
    ScoredLead { lead: lead.clone(), score, priority: Priority::of(score, cfg), explanation }
}

/// Scores every lead, best first; ties keep input order (the reference's order was unspecified).
#[must_use]
pub fn score_leads(leads: &[Lead], cfg: &LeadScoringConfig) -> Vec<ScoredLead> {
    let mut out: Vec<ScoredLead> = leads.iter().map(|l| score_lead(l, cfg)).collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}
