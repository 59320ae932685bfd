//! The SOQL the adapter sends: the complete field lists of reference §5 (the seed's live mode left
//! out fields the engines need and scored NaN), and the Task look-up behind the dedup.

use chrono::NaiveDate;
use domain::crm::TaskKind;

/// Lead: reference §5 plus `LastActivityDate`, from which a missing `Days_Since_Last_Activity__c`
/// is derived.
pub const LEAD_FIELDS: &[&str] = &[
    "Id",
    "FirstName",
    "LastName",
    "Company",
    "Title",
    "Email",
    "Phone",
    "Status",
    "LeadSource",
    "Industry",
    "AnnualRevenue",
    "NumberOfEmployees",
    "Rating",
    "CreatedDate",
    "LastActivityDate",
    "IsConverted",
    "ConvertedDate",
    "Website_Visits__c",
    "Email_Opens__c",
    "Content_Downloads__c",
    "Days_Since_Last_Activity__c",
];

/// Opportunity: reference §5 plus the account's name (a relationship field) for the pages.
pub const OPPORTUNITY_FIELDS: &[&str] = &[
    "Id",
    "Name",
    "AccountId",
    "Account.Name",
    "StageName",
    "Amount",
    "Probability",
    "CloseDate",
    "CreatedDate",
    "Type",
    "LeadSource",
    "IsClosed",
    "IsWon",
    "ForecastCategory",
    "NextStep",
    "Days_In_Stage__c",
];

/// Account: reference §5.
pub const ACCOUNT_FIELDS: &[&str] = &[
    "Id",
    "Name",
    "Industry",
    "AnnualRevenue",
    "NumberOfEmployees",
    "Type",
    "BillingCountry",
    "Rating",
    "CreatedDate",
    "LastActivityDate",
];

/// Case: reference §5 plus the account's name.
pub const CASE_FIELDS: &[&str] = &[
    "Id",
    "CaseNumber",
    "AccountId",
    "Account.Name",
    "Subject",
    "Status",
    "Priority",
    "Type",
    "Origin",
    "CreatedDate",
    "ClosedDate",
    "IsClosed",
    "Resolution_Time_Hours__c",
    "Customer_Satisfaction__c",
];

/// `SELECT <fields> FROM <object>`.
#[must_use]
pub fn select(object: &str, fields: &[&str]) -> String {
    format!("SELECT {} FROM {object}", fields.join(", "))
}

/// A SOQL string literal: quotes and backslashes escaped as the SOQL reference requires.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The Tasks already created for `ids` on `dates` by a run (any of our subject prefixes), so
/// that a retried run creates none twice. `field` is `WhoId` (leads) or `WhatId` (accounts).
#[must_use]
pub fn existing_tasks(field: &str, ids: &[&str], kinds: &[TaskKind], dates: &[NaiveDate]) -> String {
    let ids = list(ids.iter().map(|id| literal(id)));
    // Dates are SOQL date literals, unquoted.
    let dates = list(dates.iter().map(|d| d.format("%Y-%m-%d").to_string()));
    let subjects = kinds
        .iter()
        .map(|k| format!("Subject LIKE {}", literal(&format!("{}%", k.subject_prefix()))))
        .collect::<Vec<_>>();
    format!(
        "SELECT Id, WhoId, WhatId, Subject, ActivityDate FROM Task WHERE {field} IN ({ids}) AND ActivityDate IN ({dates}) AND ({})",
        subjects.join(" OR ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_reference_section_5_is_queried() {
        let lead = select("Lead", LEAD_FIELDS);
        for f in ["NumberOfEmployees", "AnnualRevenue", "Website_Visits__c", "Email_Opens__c", "Content_Downloads__c"] {
            assert!(lead.contains(f), "{f}");
        }
        assert!(select("Opportunity", OPPORTUNITY_FIELDS).contains("ForecastCategory, NextStep, Days_In_Stage__c"));
        assert!(select("Account", ACCOUNT_FIELDS).ends_with("LastActivityDate FROM Account"));
        let case = select("Case", CASE_FIELDS);
        assert!(case.contains("AccountId") && case.contains("Customer_Satisfaction__c"));
    }

    #[test]
    fn task_lookup_escapes_ids_and_lists_prefixes() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let q = existing_tasks("WhoId", &["00Q1", "x'y\\"], &[TaskKind::FollowUp], &[day]);
        assert_eq!(
            q,
            "SELECT Id, WhoId, WhatId, Subject, ActivityDate FROM Task WHERE WhoId IN ('00Q1', 'x\\'y\\\\') \
             AND ActivityDate IN (2026-12-02) AND (Subject LIKE 'Follow up:%')"
        );
    }
}
