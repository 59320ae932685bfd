//! Tunables of the analytics pipelines (from `Settings`).

use std::time::Duration;

use domain::analytics::StockPolicy;

/// Everything the analytics use cases need from configuration.
#[derive(Clone, Copy, Debug)]
pub struct AnalyticsConfig {
    pub ttl: Duration,
    pub max_window_days: u32,
    /// Days of history behind demand rates, coverage and rotation.
    pub demand_window_days: u32,
    pub stock: StockPolicy,
}
