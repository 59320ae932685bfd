//! `CrmSource`: where Leads, Opportunities, Accounts and Cases are extracted from (Salesforce,
//! or the fake CRM in DEV).

use async_trait::async_trait;
use domain::crm::{Account, Case, Lead, Opportunity};

/// Why the CRM could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrmError {
    /// Credentials refused (after the one re-login the adapter attempts).
    #[error("CRM refused the credentials: {0}")]
    Unauthorized(String),
    /// Down, timing out, rate-limited beyond the retries, or answering 5xx.
    #[error("CRM unavailable: {0}")]
    Unavailable(String),
    /// The CRM answered something that breaks its contract.
    #[error("CRM answered unexpectedly: {0}")]
    BadResponse(String),
}

/// Read access to the CRM's four objects, complete (every page).
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait CrmSource: Send + Sync {
    /// Every lead, with the fields the lead scorer reads (reference §5).
    ///
    /// # Errors
    /// `Unauthorized` when the credentials are refused, `Unavailable` when the CRM cannot be
    /// reached, `BadResponse` when it answers outside its contract.
    async fn leads(&self) -> Result<Vec<Lead>, CrmError>;

    /// Every opportunity.
    ///
    /// # Errors
    /// As [`CrmSource::leads`].
    async fn opportunities(&self) -> Result<Vec<Opportunity>, CrmError>;

    /// Every account.
    ///
    /// # Errors
    /// As [`CrmSource::leads`].
    async fn accounts(&self) -> Result<Vec<Account>, CrmError>;

    /// Every case.
    ///
    /// # Errors
    /// As [`CrmSource::leads`].
    async fn cases(&self) -> Result<Vec<Case>, CrmError>;

    /// A short label for logs and run history (`fake (seed 42)`, `salesforce (https://…)`).
    fn describe(&self) -> String;
}
