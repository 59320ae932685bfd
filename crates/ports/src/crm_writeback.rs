//! `CrmWriteback`: scores and follow-up Tasks written back to the CRM.

use async_trait::async_trait;
use domain::crm::{AccountUpdate, LeadUpdate, NewTask};

use crate::crm_source::CrmError;

/// How a batch went: records written, records the CRM refused (with their messages), and Tasks
/// skipped because one already existed for the same record, subject and day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOutcome {
    pub written: usize,
    pub errors: usize,
    pub skipped_duplicates: usize,
    /// `(record id, message)` of the refusals, for the run log.
    pub failures: Vec<(String, String)>,
}

/// Write access to the CRM. Per-record refusals are counted in [`WriteOutcome`], never an `Err`.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait CrmWriteback: Send + Sync {
    /// Sets `Lead_Score__c`, `Priority__c`, `Last_Scored_Date__c`.
    ///
    /// # Errors
    /// Only when the CRM cannot be reached at all (`Unavailable`, `Unauthorized`); refusals of
    /// single records are counted in the outcome.
    async fn update_leads(&self, updates: &[LeadUpdate]) -> Result<WriteOutcome, CrmError>;

    /// Sets `Churn_Risk_Score__c`, `Churn_Risk_Level__c`, `Last_Churn_Analysis__c`.
    ///
    /// # Errors
    /// As [`CrmWriteback::update_leads`].
    async fn update_accounts(&self, updates: &[AccountUpdate]) -> Result<WriteOutcome, CrmError>;

    /// Creates the Tasks. MUST NOT create a Task when one of the same [`NewTask::dedup_key`]
    /// exists (same `WhoId`/`WhatId`, same kind by subject prefix, same `ActivityDate`): a retried
    /// run adds nothing. Such Tasks count as `skipped_duplicates`.
    ///
    /// [`NewTask::dedup_key`]: domain::crm::NewTask::dedup_key
    ///
    /// # Errors
    /// As [`CrmWriteback::update_leads`].
    async fn create_tasks(&self, tasks: &[NewTask]) -> Result<WriteOutcome, CrmError>;
}
