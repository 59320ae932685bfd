//! Lead scoring (reference §2): six normalised factors, weighted, ×100, clipped, rounded to 1 dp.
//!
//! Speed (1M leads in under a second, docs/PERFORMANCE.md) comes from memory traffic, not
//! arithmetic: records are scored in input order (sequential reads), then only `(score, index)`
//! pairs are sorted and each ≈ 500-byte record moves once to its place.

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

const NAMES: [&str; 6] =
    ["company_size", "engagement_score", "industry_match", "budget_range", "response_time_days", "email_opens"];

/// The numbers of one lead's six factors, in the reference's order; no allocation.
struct Factors {
    emp: f64,
    visits: f64,
    downloads: f64,
    revenue: f64,
    days: f64,
    opens: f64,
    defaulted: [bool; 6],
    normalised: [f64; 6],
    contributions: [f64; 6],
}

impl Factors {
    fn of(lead: &Lead, cfg: &LeadScoringConfig) -> Self {
        let w = &cfg.weights;
        let (emp, emp_d) = or_default(lead.number_of_employees, cfg.default_employees);
        let mut size = (1.0 + emp).ln() / (1.0 + cfg.employees_cap).ln();
        if cfg.clip_company_size {
            size = size.min(1.0);
        }
        let (visits, v_d) = or_default(lead.website_visits, 0.0);
        let (downloads, d_d) = or_default(lead.content_downloads, 0.0);
        let engagement = (visits / cfg.visits_cap * cfg.visits_share
            + downloads / cfg.downloads_cap * cfg.downloads_share)
            .clamp(0.0, 1.0);
        let industry = match lead.industry.as_deref() {
            Some(i) if cfg.target_industries.iter().any(|t| t == i) => cfg.target_industry_score,
            _ => cfg.other_industry_score,
        };
        let (revenue, r_d) = or_default(lead.annual_revenue, 0.0);
        let budget = ((1.0 + revenue).ln() / (1.0 + cfg.revenue_cap).ln()).clamp(0.0, 1.0);
        let (days, days_d) = or_default(lead.days_since_last_activity, cfg.default_days_inactive);
        let response = (1.0 - days / cfg.response_horizon_days).clamp(0.0, 1.0);
        let (opens, o_d) = or_default(lead.email_opens, 0.0);
        let opens_n = (opens / cfg.opens_cap).clamp(0.0, 1.0);
        let normalised = [size, engagement, industry, budget, response, opens_n];
        let weights =
            [w.company_size, w.engagement_score, w.industry_match, w.budget_range, w.response_time_days, w.email_opens];
        let contributions = std::array::from_fn(|i| weights[i] * normalised[i] * 100.0);
        Self {
            emp,
            visits,
            downloads,
            revenue,
            days,
            opens,
            defaulted: [emp_d, v_d || d_d, lead.industry.is_none(), r_d, days_d, o_d],
            normalised,
            contributions,
        }
    }

    /// The score: the contributions summed in factor order, clipped, numpy-rounded to 1 dp.
    fn score(&self) -> f64 {
        let total: f64 = self.contributions.iter().sum();
        round_numpy(total.clamp(0.0, 100.0), 1)
    }

    fn explain(&self, lead: &Lead, cfg: &LeadScoringConfig) -> Vec<Factor> {
        let w = &cfg.weights;
        let weights =
            [w.company_size, w.engagement_score, w.industry_match, w.budget_range, w.response_time_days, w.email_opens];
        let industry = lead.industry.as_ref().map_or(FactorInput::Absent, |i| FactorInput::Text(i.clone()));
        let raws = [
            FactorInput::Number(self.emp),
            FactorInput::Engagement { website_visits: self.visits, content_downloads: self.downloads },
            industry,
            FactorInput::Number(self.revenue),
            FactorInput::Number(self.days),
            FactorInput::Number(self.opens),
        ];
        raws.into_iter()
            .enumerate()
            .map(|(i, raw)| Factor {
                factor: Cow::Borrowed(NAMES[i]),
                raw,
                defaulted: self.defaulted[i],
                normalised: self.normalised[i],
                weight: weights[i],
                contribution: self.contributions[i],
            })
            .collect()
    }
}

fn or_default(x: Option<f64>, default: f64) -> (f64, bool) {
    usable(x).map_or((default, true), |v| (v, false))
}

/// The six factors of one lead, in the reference's order.
#[must_use]
pub fn explain_lead(lead: &Lead, cfg: &LeadScoringConfig) -> Vec<Factor> {
    Factors::of(lead, cfg).explain(lead, cfg)
}

/// Scores one lead.
#[must_use]
pub fn score_lead(lead: &Lead, cfg: &LeadScoringConfig) -> ScoredLead {
    finish(lead.clone(), cfg)
}

fn finish(lead: Lead, cfg: &LeadScoringConfig) -> ScoredLead {
    let factors = Factors::of(&lead, cfg);
    let score = factors.score();
    let explanation = factors.explain(&lead, cfg);
    ScoredLead { lead, score, priority: Priority::of(score, cfg), explanation }
}

/// `scored` (in input order) best first; ties keep input order. Only `(score, index)` pairs are
/// sorted, then the records are permuted in place along the permutation's cycles: the records
/// are large, sorting them directly moved each one about twenty times, and a second buffer of
/// them is as many fresh pages for the kernel to zero.
fn rank(mut scored: Vec<ScoredLead>) -> Vec<ScoredLead> {
    let mut keyed: Vec<(f64, usize)> = scored.iter().map(|s| s.score).zip(0..).collect();
    // Unstable is fine: the index breaks every tie, so the order is the stable one.
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // `from[k]`: the input index of the record that belongs at `k`; `DONE` once placed.
    const DONE: usize = usize::MAX;
    let mut from: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != DONE {
            let next = from[at];
            from[at] = DONE;
            if next == start {
                break;
            }
            // `next` still holds its input record (its cycle is not done); the record that
            // started the cycle travels along until its own place comes up.
            scored.swap(at, next);
            at = next;
        }
    }
    scored
}

/// Scores every lead, best first; ties keep input order (the reference's order was unspecified).
#[must_use]
pub fn score_leads(leads: &[Lead], cfg: &LeadScoringConfig) -> Vec<ScoredLead> {
    // In input order first: reading the records (and copying their texts) sequentially is far
    // cheaper than in score order, which jumps across memory.
    rank(leads.iter().map(|l| finish(l.clone(), cfg)).collect())
}

/// As [`score_leads`], taking the leads by value so that no record is copied (the pipeline owns
/// the extracted batch).
#[must_use]
pub fn score_leads_owned(leads: Vec<Lead>, cfg: &LeadScoringConfig) -> Vec<ScoredLead> {
    rank(leads.into_iter().map(|l| finish(l, cfg)).collect())
}
