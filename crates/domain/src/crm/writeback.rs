//! What a run writes back to the CRM (reference §8.1): score fields on Leads and Accounts, and
//! follow-up / intervention Tasks with the reference's subjects and descriptions.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize, Serializer};

use super::churn::ScoredAccount;
use super::leads::ScoredLead;
use super::priority::{Priority, RiskLevel};

fn iso_seconds<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// Python's `str(float)`: `100.0`, `92.2`, `0.875`.
#[must_use]
pub fn py_float(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e16 { format!("{x:.1}") } else { format!("{x}") }
}

/// The Lead fields a run sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeadUpdate {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Lead_Score__c")]
    pub score: f64,
    #[serde(rename = "Priority__c")]
    pub priority: Priority,
    #[serde(rename = "Last_Scored_Date__c", serialize_with = "iso_seconds")]
    pub scored_at: DateTime<Utc>,
}

/// The Account fields a run sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountUpdate {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Churn_Risk_Score__c")]
    pub score: f64,
    #[serde(rename = "Churn_Risk_Level__c")]
    pub level: RiskLevel,
    #[serde(rename = "Last_Churn_Analysis__c", serialize_with = "iso_seconds")]
    pub analysed_at: DateTime<Utc>,
}

/// Which kind of Task: one of each per record and day at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    FollowUp,
    ChurnIntervention,
}

impl TaskKind {
    /// The subject's fixed start, which identifies the kind in the CRM.
    #[must_use]
    pub const fn subject_prefix(self) -> &'static str {
        match self {
            Self::FollowUp => "Follow up:",
            Self::ChurnIntervention => "Churn intervention:",
        }
    }
}

/// A Task to create. Exactly one of `who_id` (a lead) and `what_id` (an account) is set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewTask {
    #[serde(skip)]
    pub kind: TaskKind,
    #[serde(rename = "WhoId", skip_serializing_if = "Option::is_none")]
    pub who_id: Option<String>,
    #[serde(rename = "WhatId", skip_serializing_if = "Option::is_none")]
    pub what_id: Option<String>,
    #[serde(rename = "Subject")]
    pub subject: String,
    #[serde(rename = "Description")]
    pub description: String,
    #[serde(rename = "Priority")]
    pub priority: String,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "ActivityDate")]
    pub activity_date: NaiveDate,
    #[serde(rename = "Type")]
    pub task_type: String,
}

impl NewTask {
    /// The record the Task is about.
    #[must_use]
    pub fn related_id(&self) -> &str {
        self.who_id.as_deref().or(self.what_id.as_deref()).unwrap_or_default()
    }

    /// Two Tasks with the same key are duplicates: same record, same kind, same day.
    #[must_use]
    pub fn dedup_key(&self) -> (String, TaskKind, NaiveDate) {
        (self.related_id().to_owned(), self.kind, self.activity_date)
    }
}

#[must_use]
pub fn lead_update(l: &ScoredLead, at: DateTime<Utc>) -> LeadUpdate {
    LeadUpdate { id: l.lead.id.clone(), score: l.score, priority: l.priority, scored_at: at }
}

#[must_use]
pub fn account_update(a: &ScoredAccount, at: DateTime<Utc>) -> AccountUpdate {
    AccountUpdate { id: a.account.id.clone(), score: a.score, level: a.level, analysed_at: at }
}

/// The follow-up Task of a Critical or High lead.
#[must_use]
pub fn follow_up_task(l: &ScoredLead, today: NaiveDate) -> NewTask {
    let s = |x: &Option<String>| x.clone().unwrap_or_default();
    let score = py_float(l.score);
    let p = l.priority.as_str();
    NewTask {
        kind: TaskKind::FollowUp,
        who_id: Some(l.lead.id.clone()),
        what_id: None,
        subject: format!("Follow up: {p}-priority lead (Score: {score})"),
        description: format!(
            "Automated task created by analytics engine.\nLead: {} {}\nCompany: {}\nScore: {score}\nPriority: {p}\nSource: {}",
            s(&l.lead.first_name),
            s(&l.lead.last_name),
            s(&l.lead.company),
            s(&l.lead.lead_source)
        ),
        priority: if l.priority == Priority::Critical { "High" } else { "Normal" }.to_owned(),
        status: "Not Started".to_owned(),
        activity_date: today,
        task_type: "Call".to_owned(),
    }
}

/// The intervention Task of a High-risk account.
#[must_use]
pub fn intervention_task(a: &ScoredAccount, today: NaiveDate) -> NewTask {
    let factors: String = a.risk_factors.iter().map(|f| format!("\n- {f}")).collect();
    NewTask {
        kind: TaskKind::ChurnIntervention,
        who_id: None,
        what_id: Some(a.account.id.clone()),
        subject: format!("Churn intervention: {}", a.account.name.clone().unwrap_or_default()),
        description: format!(
            "Account flagged as high churn risk.\nRisk Score: {}\nRisk Factors:{factors}",
            py_float(a.score)
        ),
        priority: "High".to_owned(),
        status: "Not Started".to_owned(),
        activity_date: today,
        task_type: "Call".to_owned(),
    }
}
