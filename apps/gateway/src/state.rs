//! What every handler can reach, registered once as `web::Data<AppState>`.

use std::sync::Arc;

use app::{AnalyticsConfig, AnalyticsService};
use bootstrap::{Adapters, Settings};
use domain::analytics::StockPolicy;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::auth::Authenticator;

fn analytics_service(settings: &Settings, adapters: &Adapters) -> AnalyticsService {
    let s = &settings.analytics;
    let config = AnalyticsConfig {
        ttl: std::time::Duration::from_secs(settings.cache.analytics_ttl_secs),
        max_window_days: s.max_window_days,
        demand_window_days: s.stock.demand_window_days,
        stock: StockPolicy {
            dead_after_days: s.stock.dead_after_days,
            urgent_coverage_days: s.stock.urgent_coverage_days,
            lead_time_days: s.stock.lead_time_days,
            safety_days: s.stock.safety_days,
        },
    };
    AnalyticsService::new(adapters.sales_source.clone(), adapters.clock.clone(), adapters.cache.clone(), config)
}

/// Shared, immutable per-process state.
pub struct AppState {
    pub settings: Arc<Settings>,
    pub adapters: Adapters,
    pub analytics: AnalyticsService,
    pub auth: Authenticator,
    pub metrics: PrometheusHandle,
    /// The OpenAPI document, serialised once at start-up.
    pub openapi_json: String,
    pub swagger: Arc<utoipa_swagger_ui::Config<'static>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("adapters", &self.adapters).finish_non_exhaustive()
    }
}

impl AppState {
    #[must_use]
    pub fn new(settings: Settings, adapters: Adapters) -> Self {
        let auth = Authenticator::new(&settings.auth, !settings.is_prod());
        let openapi_json = crate::openapi::document_json();
        let swagger = Arc::new(
            utoipa_swagger_ui::Config::new(["/api-docs/openapi.json"])
                .persist_authorization(true)
                .try_it_out_enabled(true),
        );
        let analytics = analytics_service(&settings, &adapters);
        Self {
            settings: Arc::new(settings),
            adapters,
            analytics,
            auth,
            metrics: bootstrap::telemetry::metrics(),
            openapi_json,
            swagger,
        }
    }

    /// Whether `/docs` and the OpenAPI document need a valid token (PROD by default).
    #[must_use]
    pub fn docs_require_auth(&self) -> bool {
        self.settings.docs.require_auth.unwrap_or_else(|| self.settings.is_prod())
    }
}
