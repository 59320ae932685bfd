//! The alert rules of reference §8.2 (the Flask start-up rules, in one wording), raised through
//! the shared alert service: deduplicated per rule and day, stored with the sales anomalies.

use domain::Severity;
use domain::alert::AlertSource;
use domain::crm::{PipelineHealth, RiskSummary, ScoreDistribution, thousands};

use crate::AlertDraft;

fn draft(scope: &str, kind: &str, severity: Severity, message: String, date: chrono::NaiveDate) -> AlertDraft {
    AlertDraft {
        source: AlertSource::Crm,
        kind: kind.to_owned(),
        severity,
        scope: scope.to_owned(),
        product_id: None,
        date: Some(date),
        title: kind.to_owned(),
        message,
    }
}

fn severity(raw: &str) -> Severity {
    match raw {
        "Critical" => Severity::Critical,
        "High" => Severity::High,
        "Medium" => Severity::Medium,
        "Low" => Severity::Low,
        _ => Severity::Info,
    }
}

/// The alerts of one run, in the reference's order.
#[must_use]
pub fn crm_alerts(
    dist: &ScoreDistribution,
    pipeline: &PipelineHealth,
    churn: &RiskSummary,
    health_below: f64,
    date: chrono::NaiveDate,
) -> Vec<AlertDraft> {
    let mut out = Vec::new();
    let p = &dist.priority_breakdown;
    if p.critical > 0 {
        let m = format!("{} leads scored as Critical priority — immediate follow-up recommended.", p.critical);
        out.push(draft("crm.leads.critical", "Lead Scoring", Severity::Critical, m, date));
    }
    if p.high > 0 {
        let m = format!("{} leads scored as High priority — schedule outreach within 24 hours.", p.high);
        out.push(draft("crm.leads.high", "Lead Scoring", Severity::High, m, date));
    }
    let h = &pipeline.health_score;
    if h.rating != "No Data" && h.score < health_below {
        let m = format!("Pipeline health score is {}/100 ({}). Review risk indicators.", h.score, h.rating);
        out.push(draft("crm.pipeline.health", "Pipeline Health", Severity::High, m, date));
    }
    for r in pipeline.risk_indicators.iter().take(3) {
        let scope = format!("crm.pipeline.risk.{}", r.kind.to_lowercase().replace(' ', "_"));
        out.push(draft(&scope, &format!("Pipeline Risk: {}", r.kind), severity(&r.severity), r.message.clone(), date));
    }
    if churn.risk_breakdown.high > 0 {
        let m = format!(
            "{} accounts at High churn risk with £{} revenue at risk.",
            churn.risk_breakdown.high,
            thousands(churn.total_revenue_at_risk)
        );
        out.push(draft("crm.churn.high", "Churn Risk", Severity::Critical, m, date));
    }
    let f = &pipeline.forecast;
    let m = format!(
        "Weighted forecast: £{} | Commit: £{} | Best Case: £{}",
        thousands(f.total_weighted),
        thousands(f.commit),
        thousands(f.best_case)
    );
    out.push(draft("crm.forecast.daily", "Daily Forecast", Severity::Info, m, date));
    out
}
