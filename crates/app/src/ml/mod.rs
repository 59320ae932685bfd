//! Use cases: forecasts (one series, or every product), anomaly detection with severity routing
//! (LOW logged, MEDIUM flagged, HIGH raises an alert), over daily series built from the
//! `SalesSource`.

mod anomalies;
mod batch;
mod forecast;
mod history;

pub use anomalies::{AnomalyRequest, AnomalyResult, FoundAnomaly};
pub use batch::{BatchInputs, BatchRequest, ProductForecast, compute_batch};
pub use forecast::{ForecastRequest, ForecastResult};
pub use history::{DailySeries, ProductSelector, Scope, Target};

use std::sync::Arc;
use std::time::Duration;

use domain::forecast::{ForecastError, ModelKind};
use domain::holidays::ShopCalendar;
use domain::{Principal, Sku};
use ports::{Clock, SalesSource, SourceError};
use serde::{Deserialize, Serialize};

use crate::alerting::AlertService;
use crate::cache_aside::CacheAside;

/// A product as the ML answers name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRef {
    pub id: u64,
    pub sku: Sku,
    pub name: String,
}

/// Tunables of the ML pipelines (from `Settings`).
#[derive(Clone, Debug)]
pub struct MlConfig {
    pub ttl: Duration,
    pub history_days: u32,
    pub max_forecast_days: u32,
    pub default_model: ModelKind,
    pub backtest_origins: usize,
    pub random_forest_in_auto: bool,
    pub anomaly_threshold: f64,
    pub anomaly_min_history: usize,
    pub anomaly_history_days: u32,
    /// When the shop is closed: forecasts predict zero, zero sales are no anomaly.
    pub calendar: ShopCalendar,
}

/// Why an ML request failed.
#[derive(Debug, thiserror::Error)]
pub enum MlError {
    /// The request is wrong; `field` names the offending field.
    #[error("{message}")]
    InvalidRequest { field: &'static str, message: String },
    /// No such product (by sku, name or id).
    #[error("{0}")]
    UnknownProduct(String),
    /// The series has no sales at all.
    #[error("no sales history found")]
    NoHistory,
    #[error("not enough historical data: {0}")]
    NotEnoughHistory(String),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("forecast failed: {0}")]
    Model(String),
}

impl From<ForecastError> for MlError {
    fn from(e: ForecastError) -> Self {
        match e {
            ForecastError::NotEnoughHistory { .. } => Self::NotEnoughHistory(e.to_string()),
            ForecastError::InvalidHorizon => Self::InvalidRequest { field: "forecast_days", message: e.to_string() },
            ForecastError::InvalidValue | ForecastError::Model(_) => Self::Model(e.to_string()),
        }
    }
}

/// The ML pipelines.
pub struct MlService {
    source: Arc<dyn SalesSource>,
    clock: Arc<dyn Clock>,
    cache: CacheAside,
    alerts: Arc<AlertService>,
    config: MlConfig,
}

impl std::fmt::Debug for MlService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MlService").field("config", &self.config).finish_non_exhaustive()
    }
}

impl MlService {
    #[must_use]
    pub fn new(
        source: Arc<dyn SalesSource>,
        clock: Arc<dyn Clock>,
        cache: Arc<dyn ports::Cache>,
        alerts: Arc<AlertService>,
        config: MlConfig,
    ) -> Self {
        Self { source, clock, cache: CacheAside::new(cache), alerts, config }
    }

    #[must_use]
    pub fn config(&self) -> &MlConfig {
        &self.config
    }

    fn roles(caller: &Principal) -> String {
        let roles: Vec<&str> = caller.roles.iter().map(domain::Role::as_str).collect();
        roles.join("+")
    }
}
