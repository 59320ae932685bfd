//! `CrmSource` over SOQL: the four objects with their complete field lists.

use async_trait::async_trait;
use chrono::NaiveDate;
use domain::crm::{Account, Case, Lead, Opportunity};
use ports::{CrmError, CrmSource};

use crate::client::SalesforceClient;
use crate::soql::{ACCOUNT_FIELDS, CASE_FIELDS, LEAD_FIELDS, OPPORTUNITY_FIELDS, select};

/// Orgs without the custom field `Days_Since_Last_Activity__c` still have the standard
/// `LastActivityDate`: reference §5 derives the one from the other.
fn derive_days_since_activity(lead: &mut Lead, today: NaiveDate) {
    if lead.days_since_last_activity.is_some() {
        return;
    }
    let last = lead.last_activity_date.as_deref().and_then(|d| d.get(..10)?.parse::<NaiveDate>().ok());
    if let Some(last) = last {
        lead.days_since_last_activity = Some((today - last).num_days().max(0) as f64);
    }
}

#[async_trait]
impl CrmSource for SalesforceClient {
    async fn leads(&self) -> Result<Vec<Lead>, CrmError> {
        let mut leads: Vec<Lead> = self.query_all("query Lead", &select("Lead", LEAD_FIELDS)).await?;
        let today = self.clock.now().date_naive();
        for lead in &mut leads {
            derive_days_since_activity(lead, today);
        }
        Ok(leads)
    }

    async fn opportunities(&self) -> Result<Vec<Opportunity>, CrmError> {
        self.query_all("query Opportunity", &select("Opportunity", OPPORTUNITY_FIELDS)).await
    }

    async fn accounts(&self) -> Result<Vec<Account>, CrmError> {
        self.query_all("query Account", &select("Account", ACCOUNT_FIELDS)).await
    }

    async fn cases(&self) -> Result<Vec<Case>, CrmError> {
        self.query_all("query Case", &select("Case", CASE_FIELDS)).await
    }

    fn describe(&self) -> String {
        format!("salesforce (API v{})", self.api_version())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_activity_comes_from_last_activity_date_when_absent() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let mut lead = Lead { last_activity_date: Some("2026-11-22".into()), ..Lead::default() };
        derive_days_since_activity(&mut lead, today);
        assert_eq!(lead.days_since_last_activity, Some(10.0));
        let mut custom = Lead {
            last_activity_date: Some("2026-11-22".into()),
            days_since_last_activity: Some(3.0),
            ..Lead::default()
        };
        derive_days_since_activity(&mut custom, today);
        assert_eq!(custom.days_since_last_activity, Some(3.0), "the custom field wins");
        let mut none = Lead::default();
        derive_days_since_activity(&mut none, today);
        assert_eq!(none.days_since_last_activity, None);
    }
}
