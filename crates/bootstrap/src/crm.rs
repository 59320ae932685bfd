//! CRM adapters by configuration: the source and writeback (fake, Salesforce or none), and the
//! snapshot store.

use std::sync::Arc;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig};
use adapter_memory::MemoryResultStore;
use adapter_salesforce::SalesforceClient;
use adapter_system::FsResultStore;
use async_trait::async_trait;
use domain::crm::{Account, AccountUpdate, Case, Lead, LeadUpdate, NewTask, Opportunity};
use ports::{Clock, CrmError, CrmSource, CrmWriteback, ResultStore, WriteOutcome};

use crate::settings::{CrmSourceKind, ObjectBackend, ResultStoreKind, Settings};

/// The CRM ports and labels for the start-up log.
pub(crate) struct CrmAdapters {
    pub(crate) source: Arc<dyn CrmSource>,
    pub(crate) writeback: Arc<dyn CrmWriteback>,
    pub(crate) store: Arc<dyn ResultStore>,
    pub(crate) source_kind: String,
    pub(crate) store_kind: String,
    /// The object store's readiness probe, when snapshots go to one.
    pub(crate) store_dependency: Option<app::Dependency>,
}

/// No CRM configured: every call is `Unavailable`, naming the setting.
#[derive(Debug)]
struct NoCrm;

fn off() -> CrmError {
    CrmError::Unavailable("no CRM is configured (crm.source: none)".to_owned())
}

#[async_trait]
impl CrmSource for NoCrm {
    async fn leads(&self) -> Result<Vec<Lead>, CrmError> {
        Err(off())
    }
    async fn opportunities(&self) -> Result<Vec<Opportunity>, CrmError> {
        Err(off())
    }
    async fn accounts(&self) -> Result<Vec<Account>, CrmError> {
        Err(off())
    }
    async fn cases(&self) -> Result<Vec<Case>, CrmError> {
        Err(off())
    }
    fn describe(&self) -> String {
        "none".to_owned()
    }
}

#[async_trait]
impl CrmWriteback for NoCrm {
    async fn update_leads(&self, _: &[LeadUpdate]) -> Result<WriteOutcome, CrmError> {
        Err(off())
    }
    async fn update_accounts(&self, _: &[AccountUpdate]) -> Result<WriteOutcome, CrmError> {
        Err(off())
    }
    async fn create_tasks(&self, _: &[NewTask]) -> Result<WriteOutcome, CrmError> {
        Err(off())
    }
}

pub(crate) fn crm_adapters(settings: &Settings, clock: &Arc<dyn Clock>) -> anyhow::Result<CrmAdapters> {
    let c = &settings.crm;
    let (source, writeback, source_kind): (Arc<dyn CrmSource>, Arc<dyn CrmWriteback>, String) = match c.source {
        CrmSourceKind::Fake => {
            let f = &c.fake;
            let config = FakeCrmConfig {
                seed: f.seed,
                accounts: f.accounts,
                leads: f.leads,
                opportunities: f.opportunities,
                cases: f.cases,
            };
            let fake = Arc::new(FakeCrm::new(config, Arc::clone(clock)));
            (fake.clone(), fake, format!("fake (seed {})", f.seed))
        }
        CrmSourceKind::Salesforce => {
            let config = settings.salesforce.adapter_config()?;
            let label = format!("salesforce ({} flow, {})", config.flow.name(), config.login_url);
            let client =
                SalesforceClient::new(config, Arc::clone(clock)).map_err(|e| anyhow::anyhow!("salesforce: {e}"))?;
            let client = Arc::new(client);
            (client.clone(), client, label)
        }
        CrmSourceKind::None => (Arc::new(NoCrm), Arc::new(NoCrm), "none".to_owned()),
    };
    let (store, store_kind, store_dependency): (Arc<dyn ResultStore>, String, _) = match c.store {
        ResultStoreKind::Filesystem => {
            let fs = FsResultStore::new(&c.results_dir);
            let label = fs.describe();
            (Arc::new(fs), label, None)
        }
        ResultStoreKind::Memory => (Arc::new(MemoryResultStore::default()), "memory".to_owned(), None),
        ResultStoreKind::S3 | ResultStoreKind::Azure => {
            let backend = if c.store == ResultStoreKind::S3 { ObjectBackend::S3 } else { ObjectBackend::Azure };
            let opened = crate::object_storage::result_store(settings, backend)?;
            (opened.store, opened.label, Some(opened.dependency))
        }
    };
    Ok(CrmAdapters { source, writeback, store, source_kind, store_kind, store_dependency })
}
