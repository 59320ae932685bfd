//! What every handler can reach, registered once as `web::Data<AppState>`.

use std::sync::Arc;

use std::time::Duration;

use app::{
    AlertService, AnalyticsConfig, AnalyticsService, CrmPorts, CrmService, CrmServiceConfig, ImportService, JobConfig,
    MlConfig, MlService, ReportConfig, ReportJobService, ReportService, RetryPolicy, ScheduleService, Scheduler,
    SessionService,
};
use bootstrap::settings::DEV_JWT_SECRET;
use bootstrap::{Adapters, Settings};
use domain::analytics::StockPolicy;
use domain::holidays::{PublicHolidays, ShopCalendar};
use metrics_exporter_prometheus::PrometheusHandle;
use secrecy::ExposeSecret;

use crate::auth::Authenticator;
use crate::auth::csrf::CsrfKey;
use crate::dashboard::{Dashboard, Features};

fn alert_service(settings: &Settings, adapters: &Adapters) -> AlertService {
    let a = &settings.alerts;
    let policy = RetryPolicy {
        max_attempts: a.max_attempts,
        backoff: Duration::from_secs(a.retry_backoff_secs),
        lease: Duration::from_secs(a.lease_secs),
    };
    AlertService::new(
        adapters.alert_store.clone(),
        adapters.notifiers.clone(),
        adapters.clock.clone(),
        adapters.ids.clone(),
        policy,
    )
}

fn ml_service(settings: &Settings, adapters: &Adapters, alerts: Arc<AlertService>) -> MlService {
    let m = &settings.ml;
    let config = MlConfig {
        ttl: Duration::from_secs(settings.cache.ml_ttl_secs),
        history_days: m.history_days,
        max_forecast_days: m.max_forecast_days,
        default_model: domain::forecast::ModelKind::parse(&m.default_model).unwrap_or_default(),
        backtest_origins: m.backtest_origins,
        random_forest_in_auto: m.random_forest_in_auto,
        anomaly_threshold: m.anomaly_threshold,
        anomaly_min_history: m.anomaly_min_history,
        anomaly_history_days: m.anomaly_history_days,
        // Validated at load time.
        calendar: ShopCalendar {
            public_holidays: PublicHolidays::parse(&m.public_holidays).unwrap_or_default(),
            annual: m
                .closed_days
                .iter()
                .filter_map(|d| d.split_once('-'))
                .filter_map(|(mm, dd)| Some((mm.parse().ok()?, dd.parse().ok()?)))
                .collect(),
            dates: m.closed_dates.iter().filter_map(|d| d.parse().ok()).collect(),
        },
    };
    MlService::new(adapters.sales_source.clone(), adapters.clock.clone(), adapters.cache.clone(), alerts, config)
}

fn analytics_service(settings: &Settings, adapters: &Adapters) -> AnalyticsService {
    let s = &settings.analytics;
    let config = AnalyticsConfig {
        ttl: Duration::from_secs(settings.cache.analytics_ttl_secs),
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

fn report_service(
    settings: &Settings,
    adapters: &Adapters,
    analytics: &Arc<AnalyticsService>,
    ml: &Arc<MlService>,
) -> ReportService {
    let config = ReportConfig {
        currency: settings.shop.currency.clone(),
        timezone: settings.shop.timezone.clone(),
        ..ReportConfig::default()
    };
    ReportService::new(analytics.clone(), ml.clone(), adapters.renderers.clone(), adapters.clock.clone(), config)
}

fn report_job_service(settings: &Settings, adapters: &Adapters, reports: &Arc<ReportService>) -> ReportJobService {
    let j = &settings.jobs;
    let config = JobConfig {
        max_attempts: j.max_attempts,
        retry_backoff: Duration::from_secs(j.retry_backoff_secs),
        lease: Duration::from_secs(j.lease_secs),
        retention: Duration::from_secs(u64::from(j.retention_days) * 86_400),
    };
    ReportJobService::new(
        reports.clone(),
        adapters.report_jobs.clone(),
        adapters.reports.clone(),
        adapters.clock.clone(),
        adapters.ids.clone(),
        config,
    )
}

fn crm_service(settings: &Settings, adapters: &Adapters, alerts: Arc<AlertService>) -> CrmService {
    let c = &settings.crm;
    let ports = CrmPorts {
        source: adapters.crm_source.clone(),
        writeback: adapters.crm_writeback.clone(),
        store: adapters.result_store.clone(),
        runs: adapters.crm_runs.clone(),
        clock: adapters.clock.clone(),
        ids: adapters.ids.clone(),
        alerts,
    };
    let config = CrmServiceConfig {
        // Validated when the settings were loaded.
        engines: c.engines().unwrap_or_default(),
        dry_run: c.dry_run,
        history_runs: c.history_runs,
        alert_health_below: c.alert_health_below,
    };
    CrmService::new(ports, config)
}

/// The scheduler: report schedules, plus the built-in anomaly check and CRM daily run when
/// their cron is set (validated at load time).
fn scheduler(
    settings: &Settings,
    adapters: &Adapters,
    report_jobs: &Arc<ReportJobService>,
    ml: &Arc<MlService>,
    crm: &Arc<CrmService>,
) -> Scheduler {
    let j = &settings.jobs;
    let mut builtins = Vec::new();
    let mut add = |task: &'static str, cron: &str, zone: &str, action: Arc<dyn app::ScheduledAction>| {
        if let Ok(timing) = app::Timing::cron(cron, zone).map_err(|e| tracing::error!(task, error = %e, "bad cron")) {
            builtins.push(app::BuiltinJob { task, timing, action });
        }
    };
    if !j.anomaly_check_cron.trim().is_empty() {
        add(
            "anomaly_check",
            &j.anomaly_check_cron,
            &settings.shop.timezone,
            Arc::new(app::AnomalyCheck::new(ml.clone())),
        );
    }
    if !j.crm_daily_cron.trim().is_empty() {
        add("crm_daily", &j.crm_daily_cron, "UTC", Arc::new(app::CrmDaily::new(crm.clone())));
    }
    let config =
        app::SchedulerConfig { mail_lease: Duration::from_secs(j.lease_secs), mail_max_attempts: j.max_attempts };
    Scheduler::new(adapters.schedules.clone(), report_jobs.clone(), adapters.report_mailer.clone(), builtins, config)
}

/// Shared, immutable per-process state.
pub struct AppState {
    pub settings: Arc<Settings>,
    pub adapters: Adapters,
    pub analytics: Arc<AnalyticsService>,
    pub ml: Arc<MlService>,
    pub reports: Arc<ReportService>,
    pub report_jobs: Arc<ReportJobService>,
    pub schedules: Arc<ScheduleService>,
    pub scheduler: Arc<Scheduler>,
    pub alerts: Arc<AlertService>,
    pub imports: Arc<ImportService>,
    pub crm: Arc<CrmService>,
    pub sessions: Arc<SessionService>,
    pub auth: Authenticator,
    pub(crate) csrf: CsrfKey,
    pub(crate) dashboard: Dashboard,
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
        let analytics = Arc::new(analytics_service(&settings, &adapters));
        let alerts = Arc::new(alert_service(&settings, &adapters));
        let ml = Arc::new(ml_service(&settings, &adapters, alerts.clone()));
        let reports = Arc::new(report_service(&settings, &adapters, &analytics, &ml));
        let report_jobs = Arc::new(report_job_service(&settings, &adapters, &reports));
        let crm = Arc::new(crm_service(&settings, &adapters, alerts.clone()));
        let schedules = Arc::new(ScheduleService::new(
            adapters.schedules.clone(),
            report_jobs.clone(),
            adapters.clock.clone(),
            adapters.ids.clone(),
            settings.shop.timezone.clone(),
        ));
        let scheduler = Arc::new(scheduler(&settings, &adapters, &report_jobs, &ml, &crm));
        let sessions = Arc::new(SessionService::new(adapters.identity.clone()));
        let imports = Arc::new(bootstrap::import_service(&settings, &adapters, adapters.sales_sink.clone()));
        let secret = settings.auth.jwt_secret.as_ref().map_or(DEV_JWT_SECRET, |s| s.expose_secret());
        let csrf = CsrfKey::derive(secret);
        let paths = crate::openapi::documented_paths();
        let dashboard = Dashboard::new(Features::from_paths(paths.iter().map(String::as_str)));
        Self {
            settings: Arc::new(settings),
            adapters,
            analytics,
            ml,
            reports,
            report_jobs,
            schedules,
            scheduler,
            alerts,
            imports,
            crm,
            sessions,
            auth,
            csrf,
            dashboard,
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
