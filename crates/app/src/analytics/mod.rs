//! Use cases: sales and stock analytics over the `SalesSource`, cached through the `Cache`.

mod config;
mod error;
mod sales;
mod stock;

pub use config::AnalyticsConfig;
pub use error::AnalyticsError;
pub use sales::SalesRequest;
pub use stock::StockRequest;

use std::sync::Arc;

use domain::Principal;
use ports::{Clock, SalesSource};

use crate::cache_aside::CacheAside;

/// The analytics pipelines: Java (or fake) data → aggregation → KPIs → cache → caller.
pub struct AnalyticsService {
    source: Arc<dyn SalesSource>,
    clock: Arc<dyn Clock>,
    cache: CacheAside,
    config: AnalyticsConfig,
}

impl std::fmt::Debug for AnalyticsService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalyticsService").field("config", &self.config).finish_non_exhaustive()
    }
}

impl AnalyticsService {
    #[must_use]
    pub fn new(
        source: Arc<dyn SalesSource>,
        clock: Arc<dyn Clock>,
        cache: Arc<dyn ports::Cache>,
        config: AnalyticsConfig,
    ) -> Self {
        Self { source, clock, cache: CacheAside::new(cache), config }
    }

    #[must_use]
    pub fn config(&self) -> &AnalyticsConfig {
        &self.config
    }
}

/// Cached results are shared only between callers with the same roles: the Java service decides
/// access by role, so a value computed for an ADMIN is never served to a USER it would refuse.
fn roles_key(caller: &Principal) -> String {
    let roles: Vec<&str> = caller.roles.iter().map(domain::Role::as_str).collect();
    if roles.is_empty() { "-".to_owned() } else { roles.join("+") }
}
