//! Run history: what each pipeline run did, newest first, in the `CrmRunStore` (memory, SQLite
//! or PostgreSQL by `state.backend`), so it survives a restart when the state does.

use chrono::{DateTime, Utc};
pub use ports::{ExtractCounts, RunRecord, RunStatus, RunSummary, RunTrigger, StepReport, WritebackReport};

/// The reference's `daily_summary` text.
pub(crate) fn summary_text(s: &RunSummary, generated: DateTime<Utc>, recommendations: &[String]) -> String {
    let mut t = String::from("=== Salesforce Analytics Daily Summary ===\n");
    t += &format!("Generated: {}\n\n", generated.format("%Y-%m-%d %H:%M UTC"));
    t += &format!(
        "--- Lead Scoring ---\nTotal scored: {}\nAverage score: {}\nCritical: {}\nHigh: {}\n\n",
        s.leads_scored, s.average_lead_score, s.critical_leads, s.high_leads
    );
    t += &format!(
        "--- Pipeline Health ---\nScore: {}/100 ({})\nRisks identified: {}\n\n",
        s.health_score, s.health_rating, s.risks
    );
    t += &format!(
        "--- Churn Risk ---\nAccounts analysed: {}\nHigh risk accounts: {}\nRevenue at risk: £{}\n\n--- Recommendations ---\n",
        s.accounts_analysed,
        s.high_risk_accounts,
        domain::crm::thousands(s.revenue_at_risk)
    );
    for r in recommendations {
        t += &format!("• {r}\n");
    }
    t
}
