//! The four churn signals, computed once per batch then per account.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::FACTOR_NAMES;
use crate::crm::config::ChurnConfig;
use crate::crm::explain::{Factor, FactorInput};
use crate::crm::records::{Account, Case, Opportunity, usable};

/// Salesforce and ISO date-times (`2026-01-01T10:00:00.000+0000`, `…Z`, `…+00:00`, naive) and
/// plain dates, as naive UTC.
#[must_use]
pub fn parse_sf_datetime(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%z"] {
        if let Ok(dt) = DateTime::parse_from_str(raw, fmt) {
            return Some(dt.naive_utc());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Some(dt.naive_utc());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(raw, fmt) {
            return Some(dt);
        }
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0))
}

#[derive(Default)]
struct CaseStats {
    count: f64,
    escalated: f64,
    csat_sum: f64,
    csat_n: f64,
}

pub(super) struct Context<'a> {
    cfg: &'a ChurnConfig,
    cases: HashMap<&'a str, CaseStats>,
    any_case: bool,
    any_csat: bool,
    any_activity_field: bool,
    won: HashMap<&'a str, f64>,
    any_opp: bool,
    any_won: bool,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        accounts: &'a [Account],
        cases: &'a [Case],
        opps: &'a [Opportunity],
        cfg: &'a ChurnConfig,
    ) -> Self {
        let mut stats: HashMap<&str, CaseStats> = HashMap::new();
        for c in cases {
            let Some(id) = c.account_id.as_deref() else { continue };
            let s = stats.entry(id).or_default();
            s.count += 1.0;
            if c.priority.as_deref().is_some_and(|p| cfg.escalation_priorities.iter().any(|e| e == p)) {
                s.escalated += 1.0;
            }
            if let Some(csat) = c.customer_satisfaction.filter(|x| x.is_finite()) {
                s.csat_sum += csat;
                s.csat_n += 1.0;
            }
        }
        let mut won: HashMap<&str, f64> = HashMap::new();
        for o in opps.iter().filter(|o| o.is_won) {
            if let Some(id) = o.account_id.as_deref() {
                *won.entry(id).or_default() += usable(o.amount).unwrap_or(0.0);
            }
        }
        Self {
            cfg,
            cases: stats,
            any_case: !cases.is_empty(),
            any_csat: cases.iter().any(|c| c.customer_satisfaction.is_some_and(f64::is_finite)),
            any_activity_field: accounts.iter().any(|a| a.last_activity_date.is_some()),
            won,
            any_opp: !opps.is_empty(),
            any_won: opps.iter().any(|o| o.is_won),
        }
    }

    fn factor(&self, i: usize, raw: FactorInput, defaulted: bool, signal: f64) -> Factor {
        let w = &self.cfg.weights;
        let weight = [w.case_risk, w.engagement_risk, w.revenue_risk, w.satisfaction_risk][i];
        Factor {
            factor: std::borrow::Cow::Borrowed(FACTOR_NAMES[i].0),
            raw,
            defaulted,
            normalised: signal,
            weight,
            contribution: weight * signal,
        }
    }

    /// The four signals of one account, in the reference's order.
    pub(super) fn explain(&self, a: &Account, now: NaiveDateTime) -> Vec<Factor> {
        let cfg = self.cfg;
        let empty = CaseStats::default();
        let s = self.cases.get(a.id.as_str()).unwrap_or(&empty);
        let case = if self.any_case {
            0.5 * (s.count / cfg.case_count_cap).clamp(0.0, 1.0)
                + 0.5 * (s.escalated / cfg.escalation_cap).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let case_f = self.factor(0, FactorInput::Cases { cases: s.count, escalated: s.escalated }, false, case);

        let engagement_f = if self.any_activity_field {
            let parsed = a.last_activity_date.as_deref().and_then(parse_sf_datetime);
            // timedelta.days floors; a future date counts as today.
            let days =
                parsed.map_or(cfg.missing_activity_days, |d| ((now - d).num_seconds() as f64 / 86_400.0).floor());
            let signal = (days / cfg.engagement_horizon_days).clamp(0.0, 1.0);
            self.factor(1, FactorInput::Number(days), parsed.is_none(), signal)
        } else {
            self.factor(1, FactorInput::Absent, true, cfg.no_activity_data_risk)
        };

        let won = self.won.get(a.id.as_str()).copied().unwrap_or(0.0);
        let revenue = if !self.any_opp {
            cfg.revenue_risk_no_opportunities
        } else if !self.any_won {
            cfg.revenue_risk_no_won_anywhere
        } else if won > 0.0 {
            cfg.revenue_risk_won
        } else {
            cfg.revenue_risk_not_won
        };
        let revenue_f = self.factor(2, FactorInput::Number(won), false, revenue);

        let satisfaction_f = if self.any_case && self.any_csat {
            let rated = s.csat_n > 0.0;
            let csat = if rated { s.csat_sum / s.csat_n } else { cfg.neutral_csat };
            self.factor(3, FactorInput::Number(csat), !rated, (1.0 - (csat - 1.0) / 4.0).clamp(0.0, 1.0))
        } else {
            self.factor(3, FactorInput::Absent, true, cfg.no_csat_risk)
        };
        vec![case_f, engagement_f, revenue_f, satisfaction_f]
    }
}
