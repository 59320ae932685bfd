//! CRM analytics (issue 7, reference crm-analytics.md §2–§4): lead scoring, pipeline health and
//! churn risk over Salesforce records, with every constant in [`CrmConfig`] and a per-factor
//! explanation on every lead and account.
//!
//! Parity with the reference code is the default (golden numbers in the tests); its defects are
//! fixed: absent fields always take the documented defaults (never NaN), empty inputs give zeros,
//! ties keep input order.

mod churn;
mod config;
mod distribution;
mod explain;
mod leads;
pub mod pipeline;
mod priority;
mod records;
mod rounding;
mod writeback;

pub use churn::{
    HighRiskAccount, LevelCounts, RiskSummary, ScoredAccount, parse_sf_datetime, risk_summary, score_accounts,
};
pub use config::{
    Bound, ChurnConfig, ChurnWeights, CrmConfig, CrmConfigError, CrmProfile, LeadScoringConfig, LeadWeights,
    PipelineConfig,
};
pub use distribution::{PriorityCounts, ScoreDistribution, ScoreRanges, score_distribution};
pub use explain::{Factor, FactorInput};
pub use leads::{ScoredLead, explain_lead, score_lead, score_leads, score_leads_owned};
pub use pipeline::{PipelineHealth, analyse_pipeline};
pub use priority::{Priority, RiskLevel};
pub use records::{Account, Case, CrmData, Lead, Opportunity};
pub use rounding::{round_numpy, round_python, thousands};
pub use writeback::{
    AccountUpdate, LeadUpdate, NewTask, TaskKind, account_update, follow_up_task, intervention_task, lead_update,
    py_float,
};
