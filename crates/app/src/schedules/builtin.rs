//! Built-in scheduled jobs: the daily anomaly check (seed 000's `scheduled_anomaly_check`, which
//! the upstream defined but never registered) and the CRM daily pipeline (issue 7). They fire
//! through the same tick claim as report schedules, so once per tick across workers.

use std::sync::Arc;

use async_trait::async_trait;
use domain::anomaly::AnomalyMethod;
use domain::{Principal, Role, Roles};

use super::Timing;
use crate::crm::{CrmService, RunTrigger};
use crate::ml::{AnomalyRequest, MlService, ProductSelector, Scope, Target};

/// What a built-in job does on its tick; `Ok` carries a one-line summary for the log.
#[async_trait]
pub trait ScheduledAction: Send + Sync {
    async fn run(&self) -> Result<String, String>;
}

/// A built-in job: its task name (the tick claim's key), timetable and action.
#[derive(Clone)]
pub struct BuiltinJob {
    pub task: &'static str,
    pub timing: Timing,
    pub action: Arc<dyn ScheduledAction>,
}

impl std::fmt::Debug for BuiltinJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltinJob").field("task", &self.task).field("timing", &self.timing).finish_non_exhaustive()
    }
}

/// The service identity built-in jobs act as: an ADMIN without a token of its own, so the
/// system of record is called with the service credentials (see the Java adapter).
#[must_use]
pub(crate) fn system_principal() -> Principal {
    Principal {
        subject: "system:scheduler".to_owned(),
        username: Some("scheduler".to_owned()),
        roles: Roles::new([Role::Admin]),
        token: None,
    }
}

/// Runs the ML anomaly pipeline over the whole shop, revenue and units; HIGH anomalies raise
/// alerts (deduplicated by the alert store, so a re-run does not alert twice).
#[derive(Debug)]
pub struct AnomalyCheck {
    ml: Arc<MlService>,
}

impl AnomalyCheck {
    #[must_use]
    pub fn new(ml: Arc<MlService>) -> Self {
        Self { ml }
    }
}

#[async_trait]
impl ScheduledAction for AnomalyCheck {
    async fn run(&self) -> Result<String, String> {
        let caller = system_principal();
        let mut summary = Vec::new();
        for target in [Target::Revenue, Target::Units] {
            let request = AnomalyRequest {
                scope: Scope::Global,
                product: ProductSelector::default(),
                method: AnomalyMethod::Robust,
                threshold: None,
                min_history: None,
                causal: false,
                history_days: None,
                target,
            };
            let result = self.ml.anomalies(&caller, request).await.map_err(|e| e.to_string())?;
            let alerts = result.anomalies.iter().filter(|a| a.alert_id.is_some()).count();
            summary.push(format!("{target:?}: {} anomalies, {alerts} alerts", result.anomalies.len()));
        }
        Ok(summary.join("; "))
    }
}

/// The CRM daily pipeline, as a `schedule`-triggered run.
#[derive(Debug)]
pub struct CrmDaily {
    crm: Arc<CrmService>,
}

impl CrmDaily {
    #[must_use]
    pub fn new(crm: Arc<CrmService>) -> Self {
        Self { crm }
    }
}

#[async_trait]
impl ScheduledAction for CrmDaily {
    async fn run(&self) -> Result<String, String> {
        let record = self.crm.run(RunTrigger::Schedule, None).await.map_err(|e| e.to_string())?;
        Ok(format!("crm run {} {:?}", record.id, record.status))
    }
}
