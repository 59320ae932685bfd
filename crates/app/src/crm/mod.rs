//! CRM analytics use case (issue 7): the daily pipeline (extract → score → store snapshots →
//! writeback → alerts → summary), its run history, and the latest stored snapshots it serves.

mod alerts;
mod queries;
mod run;
mod runs;
mod snapshots;

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, PoisonError, RwLock};

use domain::crm::CrmConfig;
use ports::{
    Clock, CrmError, CrmRunStore, CrmSource, CrmWriteback, IdGenerator, ResultStore, ResultStoreError, RunStoreError,
};

pub use alerts::crm_alerts;
pub use runs::{ExtractCounts, RunRecord, RunStatus, RunSummary, RunTrigger, StepReport, WritebackReport};
pub use snapshots::{
    ChurnSnapshot, HistoryKind, Latest, LeadSnapshot, PipelineKpis, PipelineSnapshot, RecordPoint, TrendPoint,
};

use crate::AlertService;

/// Settings of the CRM use case.
#[derive(Clone, Debug)]
pub struct CrmServiceConfig {
    pub engines: CrmConfig,
    /// A run's default when the caller does not say.
    pub dry_run: bool,
    /// Runs kept in the run history (older ones are pruned).
    pub history_runs: usize,
    /// Raise a "Pipeline Health" alert below this score.
    pub alert_health_below: f64,
}

impl Default for CrmServiceConfig {
    fn default() -> Self {
        Self { engines: CrmConfig::default(), dry_run: false, history_runs: 50, alert_health_below: 50.0 }
    }
}

/// Why a CRM operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CrmServiceError {
    #[error(transparent)]
    Crm(#[from] CrmError),
    #[error(transparent)]
    Store(#[from] ResultStoreError),
    #[error(transparent)]
    Runs(#[from] RunStoreError),
    /// No run has stored a snapshot yet.
    #[error("no CRM analysis has been stored yet")]
    NoSnapshot,
    /// Another run is in progress.
    #[error("a CRM run is already in progress")]
    RunInProgress,
    #[error("no {0} with id {1:?} in the latest analysis")]
    UnknownRecord(&'static str, String),
    /// A stored snapshot does not parse (written by an incompatible version).
    #[error("stored snapshot {0} is unreadable: {1}")]
    Corrupt(String, String),
}

/// The ports the use case needs.
#[derive(Clone)]
#[expect(missing_debug_implementations, reason = "trait objects without Debug")]
pub struct CrmPorts {
    pub source: Arc<dyn CrmSource>,
    pub writeback: Arc<dyn CrmWriteback>,
    pub store: Arc<dyn ResultStore>,
    /// The run history.
    pub runs: Arc<dyn CrmRunStore>,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGenerator>,
    pub alerts: Arc<AlertService>,
}

/// CRM analytics: runs and serves.
pub struct CrmService {
    ports: CrmPorts,
    config: CrmServiceConfig,
    latest: RwLock<Option<Arc<Latest>>>,
    running: AtomicBool,
}

impl std::fmt::Debug for CrmService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrmService").field("config", &self.config).finish_non_exhaustive()
    }
}

impl CrmService {
    #[must_use]
    pub fn new(ports: CrmPorts, config: CrmServiceConfig) -> Self {
        Self { ports, config, latest: RwLock::new(None), running: AtomicBool::new(false) }
    }

    #[must_use]
    pub fn config(&self) -> &CrmServiceConfig {
        &self.config
    }

    /// Past runs, newest first (at most `history_runs`).
    ///
    /// # Errors
    /// `Runs` when the run store is unavailable.
    pub async fn runs(&self) -> Result<Vec<RunRecord>, CrmServiceError> {
        Ok(self.ports.runs.list(self.keep()).await?)
    }

    fn keep(&self) -> u32 {
        u32::try_from(self.config.history_runs.max(1)).unwrap_or(u32::MAX)
    }

    fn cached(&self) -> Option<Arc<Latest>> {
        self.latest.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn set_cached(&self, latest: Latest) {
        self.set_cached_arc(Arc::new(latest));
    }

    fn set_cached_arc(&self, latest: Arc<Latest>) {
        *self.latest.write().unwrap_or_else(PoisonError::into_inner) = Some(latest);
    }
}
