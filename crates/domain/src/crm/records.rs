//! The four Salesforce objects the engines read, with Salesforce's field names on the wire.
//!
//! Every field but `Id` is optional and defaults when absent, so a record with only `Id` still
//! scores (the reference produced NaN there). Unknown keys (Salesforce's `attributes`) are ignored.

use serde::{Deserialize, Serialize};

/// A Salesforce Lead with the fields of reference §5 (complete list).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lead {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "FirstName")]
    pub first_name: Option<String>,
    #[serde(rename = "LastName")]
    pub last_name: Option<String>,
    #[serde(rename = "Company")]
    pub company: Option<String>,
    #[serde(rename = "Title")]
    pub title: Option<String>,
    #[serde(rename = "Email")]
    pub email: Option<String>,
    #[serde(rename = "Phone")]
    pub phone: Option<String>,
    #[serde(rename = "Status")]
    pub status: Option<String>,
    #[serde(rename = "LeadSource")]
    pub lead_source: Option<String>,
    #[serde(rename = "Industry")]
    pub industry: Option<String>,
    #[serde(rename = "AnnualRevenue")]
    pub annual_revenue: Option<f64>,
    #[serde(rename = "NumberOfEmployees")]
    pub number_of_employees: Option<f64>,
    #[serde(rename = "Rating")]
    pub rating: Option<String>,
    #[serde(rename = "CreatedDate")]
    pub created_date: Option<String>,
    #[serde(rename = "LastActivityDate")]
    pub last_activity_date: Option<String>,
    #[serde(rename = "IsConverted")]
    pub is_converted: Option<bool>,
    #[serde(rename = "ConvertedDate")]
    pub converted_date: Option<String>,
    #[serde(rename = "Website_Visits__c")]
    pub website_visits: Option<f64>,
    #[serde(rename = "Email_Opens__c")]
    pub email_opens: Option<f64>,
    #[serde(rename = "Content_Downloads__c")]
    pub content_downloads: Option<f64>,
    #[serde(rename = "Days_Since_Last_Activity__c")]
    pub days_since_last_activity: Option<f64>,
}

/// A Salesforce Opportunity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opportunity {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Name")]
    pub name: Option<String>,
    #[serde(rename = "AccountId")]
    pub account_id: Option<String>,
    #[serde(rename = "AccountName")]
    pub account_name: Option<String>,
    #[serde(rename = "StageName")]
    pub stage_name: Option<String>,
    #[serde(rename = "Amount")]
    pub amount: Option<f64>,
    #[serde(rename = "Probability")]
    pub probability: Option<f64>,
    #[serde(rename = "CloseDate")]
    pub close_date: Option<String>,
    #[serde(rename = "CreatedDate")]
    pub created_date: Option<String>,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(rename = "LeadSource")]
    pub lead_source: Option<String>,
    #[serde(rename = "IsClosed")]
    pub is_closed: bool,
    #[serde(rename = "IsWon")]
    pub is_won: bool,
    #[serde(rename = "ForecastCategory")]
    pub forecast_category: Option<String>,
    #[serde(rename = "NextStep")]
    pub next_step: Option<String>,
    #[serde(rename = "Days_In_Stage__c")]
    pub days_in_stage: Option<f64>,
}

/// A Salesforce Account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Account {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Name")]
    pub name: Option<String>,
    #[serde(rename = "Industry")]
    pub industry: Option<String>,
    #[serde(rename = "AnnualRevenue")]
    pub annual_revenue: Option<f64>,
    #[serde(rename = "NumberOfEmployees")]
    pub number_of_employees: Option<f64>,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(rename = "BillingCountry")]
    pub billing_country: Option<String>,
    #[serde(rename = "Rating")]
    pub rating: Option<String>,
    #[serde(rename = "CreatedDate")]
    pub created_date: Option<String>,
    #[serde(rename = "LastActivityDate")]
    pub last_activity_date: Option<String>,
}

/// A Salesforce Case (support ticket).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Case {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "CaseNumber")]
    pub case_number: Option<String>,
    #[serde(rename = "AccountId")]
    pub account_id: Option<String>,
    #[serde(rename = "AccountName")]
    pub account_name: Option<String>,
    #[serde(rename = "Subject")]
    pub subject: Option<String>,
    #[serde(rename = "Status")]
    pub status: Option<String>,
    #[serde(rename = "Priority")]
    pub priority: Option<String>,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(rename = "Origin")]
    pub origin: Option<String>,
    #[serde(rename = "CreatedDate")]
    pub created_date: Option<String>,
    #[serde(rename = "ClosedDate")]
    pub closed_date: Option<String>,
    #[serde(rename = "IsClosed")]
    pub is_closed: bool,
    #[serde(rename = "Resolution_Time_Hours__c")]
    pub resolution_time_hours: Option<f64>,
    #[serde(rename = "Customer_Satisfaction__c")]
    pub customer_satisfaction: Option<f64>,
}

/// One extraction: everything the three engines need.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrmData {
    pub leads: Vec<Lead>,
    pub opportunities: Vec<Opportunity>,
    pub accounts: Vec<Account>,
    pub cases: Vec<Case>,
}

/// A finite, non-negative number, or `None`: negative or non-finite inputs count as absent so that
/// no logarithm or division downstream can produce NaN.
pub(crate) fn usable(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite() && *v >= 0.0)
}
