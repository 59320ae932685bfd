//! Every constant of the three engines. `Default` is the reference **code**'s values (what the
//! golden numbers were computed with); [`CrmConfig::documented`] is the reference **docs**' values
//! where they disagree (priority 40/60/80, churn 0.3/0.6, follow-ups for Critical only).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A lower bound of a band: `score > bound`, or `score >= bound` when `inclusive`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    pub bound: f64,
    pub inclusive: bool,
}

impl Bound {
    #[must_use]
    pub const fn above(bound: f64) -> Self {
        Self { bound, inclusive: false }
    }

    #[must_use]
    pub const fn at_least(bound: f64) -> Self {
        Self { bound, inclusive: true }
    }

    #[must_use]
    pub fn admits(self, x: f64) -> bool {
        if self.inclusive { x >= self.bound } else { x > self.bound }
    }
}

/// The six lead-score weights (they sum to 1 in both profiles).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadWeights {
    pub company_size: f64,
    pub engagement_score: f64,
    pub industry_match: f64,
    pub budget_range: f64,
    pub response_time_days: f64,
    pub email_opens: f64,
}

/// Lead scoring constants (reference §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LeadScoringConfig {
    pub weights: LeadWeights,
    /// `ln(1+employees) / ln(1+employees_cap)`.
    pub employees_cap: f64,
    /// The reference does not clip company size, so > `employees_cap` scores above 1.
    pub clip_company_size: bool,
    pub revenue_cap: f64,
    pub visits_cap: f64,
    pub downloads_cap: f64,
    pub visits_share: f64,
    pub downloads_share: f64,
    pub opens_cap: f64,
    pub response_horizon_days: f64,
    pub target_industries: Vec<String>,
    pub target_industry_score: f64,
    pub other_industry_score: f64,
    /// Defaults for absent inputs (the reference's NaN fills).
    pub default_employees: f64,
    pub default_days_inactive: f64,
    /// Priority bands: Medium, High, Critical lower bounds (Low is the rest).
    pub medium: Bound,
    pub high: Bound,
    pub critical: Bound,
}

impl Default for LeadScoringConfig {
    fn default() -> Self {
        Self {
            weights: LeadWeights {
                company_size: 0.20,
                engagement_score: 0.25,
                industry_match: 0.15,
                budget_range: 0.20,
                response_time_days: 0.10,
                email_opens: 0.10,
            },
            employees_cap: 10_000.0,
            clip_company_size: false,
            revenue_cap: 100_000_000.0,
            visits_cap: 50.0,
            downloads_cap: 10.0,
            visits_share: 0.6,
            downloads_share: 0.4,
            opens_cap: 30.0,
            response_horizon_days: 60.0,
            target_industries: ["Technology", "Finance", "Healthcare", "Consulting"].map(String::from).to_vec(),
            target_industry_score: 1.0,
            other_industry_score: 0.4,
            default_employees: 1.0,
            default_days_inactive: 30.0,
            medium: Bound::above(30.0),
            high: Bound::above(60.0),
            critical: Bound::above(80.0),
        }
    }
}

/// Pipeline health constants (reference §3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// Stage order of the stage summary and funnel.
    pub stages: Vec<String>,
    /// Quarterly quota for the coverage factor (hard-coded 500k in the reference).
    pub quota: f64,
    pub stalled_days: f64,
    pub concentration_share: f64,
    pub thin_funnel_min: usize,
    pub early_stages: Vec<String>,
    /// Stages counted by the distribution factor (over all opportunities).
    pub advanced_stages: Vec<String>,
    pub velocity_horizon_days: f64,
    /// Days in stage assumed for the velocity factor when absent (velocity metrics use 0).
    pub velocity_default_days: f64,
    pub no_closed_win_rate: f64,
    /// Recommend reviewing qualification when the win-rate part (of 25) is below this.
    pub win_rate_part_below: f64,
    pub excellent: f64,
    pub good: f64,
    pub fair: f64,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        Self {
            stages: s(&[
                "Prospecting",
                "Qualification",
                "Needs Analysis",
                "Proposal",
                "Negotiation",
                "Closed Won",
                "Closed Lost",
            ]),
            quota: 500_000.0,
            stalled_days: 30.0,
            concentration_share: 0.4,
            thin_funnel_min: 5,
            early_stages: s(&["Prospecting", "Qualification"]),
            advanced_stages: s(&["Proposal", "Negotiation", "Closed Won"]),
            velocity_horizon_days: 60.0,
            velocity_default_days: 30.0,
            no_closed_win_rate: 0.5,
            win_rate_part_below: 10.0,
            excellent: 75.0,
            good: 55.0,
            fair: 35.0,
        }
    }
}

/// Churn weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChurnWeights {
    pub case_risk: f64,
    pub engagement_risk: f64,
    pub revenue_risk: f64,
    pub satisfaction_risk: f64,
}

/// Churn prediction constants (reference §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChurnConfig {
    pub weights: ChurnWeights,
    pub case_count_cap: f64,
    pub escalation_cap: f64,
    pub escalation_priorities: Vec<String>,
    pub engagement_horizon_days: f64,
    /// Days assumed when an account's `LastActivityDate` is absent or unparseable.
    pub missing_activity_days: f64,
    /// Engagement risk for everyone when no account carries `LastActivityDate` at all.
    pub no_activity_data_risk: f64,
    pub revenue_risk_won: f64,
    pub revenue_risk_not_won: f64,
    pub revenue_risk_no_won_anywhere: f64,
    pub revenue_risk_no_opportunities: f64,
    pub neutral_csat: f64,
    pub no_csat_risk: f64,
    /// A signal above this becomes a named risk factor.
    pub factor_threshold: f64,
    pub medium: Bound,
    pub high: Bound,
}

impl Default for ChurnConfig {
    fn default() -> Self {
        Self {
            weights: ChurnWeights {
                case_risk: 0.30,
                engagement_risk: 0.25,
                revenue_risk: 0.25,
                satisfaction_risk: 0.20,
            },
            case_count_cap: 10.0,
            escalation_cap: 3.0,
            escalation_priorities: vec!["High".to_owned(), "Critical".to_owned()],
            engagement_horizon_days: 90.0,
            missing_activity_days: 90.0,
            no_activity_data_risk: 0.3,
            revenue_risk_won: 0.2,
            revenue_risk_not_won: 1.0,
            revenue_risk_no_won_anywhere: 0.6,
            revenue_risk_no_opportunities: 0.5,
            neutral_csat: 3.0,
            no_csat_risk: 0.3,
            factor_threshold: 0.6,
            medium: Bound::at_least(0.4),
            high: Bound::at_least(0.7),
        }
    }
}

/// All CRM analytics constants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrmConfig {
    pub leads: LeadScoringConfig,
    pub pipeline: PipelineConfig,
    pub churn: ChurnConfig,
    /// Lead priorities that get a follow-up Task on writeback.
    pub follow_up_priorities: Vec<super::Priority>,
}

impl Default for CrmConfig {
    fn default() -> Self {
        Self {
            leads: LeadScoringConfig::default(),
            pipeline: PipelineConfig::default(),
            churn: ChurnConfig::default(),
            follow_up_priorities: vec![super::Priority::Critical, super::Priority::High],
        }
    }
}

/// Which set of constants a deployment starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrmProfile {
    /// The reference code's values (golden numbers).
    #[default]
    Code,
    /// The reference documentation's values.
    Documented,
}

/// A configuration that would make the engines meaningless.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid CRM analytics setting `{0}`: {1}")]
pub struct CrmConfigError(pub &'static str, pub &'static str);

impl CrmConfig {
    /// The reference documentation's thresholds: priorities Critical ≥ 80, High ≥ 60, Medium ≥ 40;
    /// churn High > 0.6, Medium ≥ 0.3; follow-up Tasks for Critical leads only.
    #[must_use]
    pub fn documented() -> Self {
        let mut c = Self::default();
        c.leads.medium = Bound::at_least(40.0);
        c.leads.high = Bound::at_least(60.0);
        c.leads.critical = Bound::at_least(80.0);
        c.churn.medium = Bound::at_least(0.3);
        c.churn.high = Bound::above(0.6);
        c.follow_up_priorities = vec![super::Priority::Critical];
        c
    }

    #[must_use]
    pub fn profile(profile: CrmProfile) -> Self {
        match profile {
            CrmProfile::Code => Self::default(),
            CrmProfile::Documented => Self::documented(),
        }
    }

    /// # Errors
    /// Returns the first setting that is non-finite, not positive where a divisor, or out of order.
    pub fn validate(&self) -> Result<(), CrmConfigError> {
        let l = &self.leads;
        let p = &self.pipeline;
        let c = &self.churn;
        let positive = [
            ("leads.employees_cap", l.employees_cap),
            ("leads.revenue_cap", l.revenue_cap),
            ("leads.visits_cap", l.visits_cap),
            ("leads.downloads_cap", l.downloads_cap),
            ("leads.opens_cap", l.opens_cap),
            ("leads.response_horizon_days", l.response_horizon_days),
            ("pipeline.quota", p.quota),
            ("pipeline.velocity_horizon_days", p.velocity_horizon_days),
            ("churn.case_count_cap", c.case_count_cap),
            ("churn.escalation_cap", c.escalation_cap),
            ("churn.engagement_horizon_days", c.engagement_horizon_days),
        ];
        for (name, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(CrmConfigError(name, "must be a positive number"));
            }
        }
        let w = &l.weights;
        let cw = &c.weights;
        let weights = [
            w.company_size,
            w.engagement_score,
            w.industry_match,
            w.budget_range,
            w.response_time_days,
            w.email_opens,
            cw.case_risk,
            cw.engagement_risk,
            cw.revenue_risk,
            cw.satisfaction_risk,
        ];
        if weights.iter().any(|x| !(x.is_finite() && *x >= 0.0)) {
            return Err(CrmConfigError("weights", "must be finite and not negative"));
        }
        let ordered = |a: f64, b: f64| a.partial_cmp(&b).is_some_and(std::cmp::Ordering::is_le);
        if !(ordered(l.medium.bound, l.high.bound) && ordered(l.high.bound, l.critical.bound)) {
            return Err(CrmConfigError("leads.medium/high/critical", "must be in increasing order"));
        }
        if !ordered(c.medium.bound, c.high.bound) {
            return Err(CrmConfigError("churn.medium/high", "must be in increasing order"));
        }
        if p.stages.is_empty() {
            return Err(CrmConfigError("pipeline.stages", "must list at least one stage"));
        }
        Ok(())
    }
}
