//! `FakeCrm`: the generated records behind `CrmSource` and `CrmWriteback`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use async_trait::async_trait;
use domain::crm::{Account, AccountUpdate, Case, CrmData, Lead, LeadUpdate, NewTask, Opportunity, TaskKind};
use ports::{Clock, CrmError, CrmSource, CrmWriteback, HealthProbe, ProbeError, WriteOutcome};

use super::generate::{FakeCrmConfig, generate};

#[derive(Default)]
struct Written {
    lead_updates: Vec<LeadUpdate>,
    account_updates: Vec<AccountUpdate>,
    tasks: Vec<NewTask>,
    task_keys: HashSet<(String, TaskKind, chrono::NaiveDate)>,
}

/// Generated once (on first use, as of the clock's "now" then), then served from memory.
pub struct FakeCrm {
    config: FakeCrmConfig,
    clock: Arc<dyn Clock>,
    data: OnceLock<CrmData>,
    written: Mutex<Written>,
}

impl std::fmt::Debug for FakeCrm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeCrm").field("config", &self.config).finish_non_exhaustive()
    }
}

impl FakeCrm {
    #[must_use]
    pub fn new(config: FakeCrmConfig, clock: Arc<dyn Clock>) -> Self {
        Self { config, clock, data: OnceLock::new(), written: Mutex::new(Written::default()) }
    }

    /// Over given records instead of generated ones (tests plant exact data this way).
    #[must_use]
    pub fn with_data(data: CrmData, clock: Arc<dyn Clock>) -> Self {
        let crm = Self::new(FakeCrmConfig::default(), clock);
        let _ = crm.data.set(data);
        crm
    }

    /// The records.
    pub fn data(&self) -> &CrmData {
        self.data.get_or_init(|| generate(self.config, self.clock.now()))
    }

    fn written(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every Task created so far.
    #[must_use]
    pub fn tasks(&self) -> Vec<NewTask> {
        self.written().tasks.clone()
    }

    /// Every lead update received so far.
    #[must_use]
    pub fn lead_updates(&self) -> Vec<LeadUpdate> {
        self.written().lead_updates.clone()
    }

    /// Every account update received so far.
    #[must_use]
    pub fn account_updates(&self) -> Vec<AccountUpdate> {
        self.written().account_updates.clone()
    }
}

#[async_trait]
impl CrmSource for FakeCrm {
    async fn leads(&self) -> Result<Vec<Lead>, CrmError> {
        Ok(self.data().leads.clone())
    }

    async fn opportunities(&self) -> Result<Vec<Opportunity>, CrmError> {
        Ok(self.data().opportunities.clone())
    }

    async fn accounts(&self) -> Result<Vec<Account>, CrmError> {
        Ok(self.data().accounts.clone())
    }

    async fn cases(&self) -> Result<Vec<Case>, CrmError> {
        Ok(self.data().cases.clone())
    }

    fn describe(&self) -> String {
        format!("fake (seed {})", self.config.seed)
    }
}

/// Like Salesforce, an update of an unknown id is refused for that record only.
fn outcome<'a>(ids: impl Iterator<Item = &'a str>, known: &HashSet<&str>) -> WriteOutcome {
    let mut out = WriteOutcome::default();
    for id in ids {
        if known.contains(id) {
            out.written += 1;
        } else {
            out.errors += 1;
            out.failures.push((id.to_owned(), "ENTITY_IS_DELETED: entity is deleted".to_owned()));
        }
    }
    out
}

#[async_trait]
impl CrmWriteback for FakeCrm {
    async fn update_leads(&self, updates: &[LeadUpdate]) -> Result<WriteOutcome, CrmError> {
        let known: HashSet<&str> = self.data().leads.iter().map(|l| l.id.as_str()).collect();
        let out = outcome(updates.iter().map(|u| u.id.as_str()), &known);
        self.written().lead_updates.extend(updates.iter().filter(|u| known.contains(u.id.as_str())).cloned());
        Ok(out)
    }

    async fn update_accounts(&self, updates: &[AccountUpdate]) -> Result<WriteOutcome, CrmError> {
        let known: HashSet<&str> = self.data().accounts.iter().map(|a| a.id.as_str()).collect();
        let out = outcome(updates.iter().map(|u| u.id.as_str()), &known);
        self.written().account_updates.extend(updates.iter().filter(|u| known.contains(u.id.as_str())).cloned());
        Ok(out)
    }

    async fn create_tasks(&self, tasks: &[NewTask]) -> Result<WriteOutcome, CrmError> {
        let mut w = self.written();
        let mut out = WriteOutcome::default();
        for t in tasks {
            if w.task_keys.insert(t.dedup_key()) {
                w.tasks.push(t.clone());
                out.written += 1;
            } else {
                out.skipped_duplicates += 1;
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl HealthProbe for FakeCrm {
    async fn check(&self) -> Result<(), ProbeError> {
        Ok(())
    }
}
