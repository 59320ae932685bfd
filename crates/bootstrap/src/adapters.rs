//! Adapter selection by configuration.

use std::sync::Arc;
use std::time::Duration;

use adapter_fake::{Dataset, FakeShop, FakeShopConfig};
use adapter_java::{JavaClient, JavaConfig};
use adapter_memory::{MemoryCache, MemoryCacheLimits, MemoryReportStore};
use adapter_redis::{FallbackCache, RedisCache};
use adapter_system::{SystemClock, UuidV7Ids};
use anyhow::{Context, bail};
use app::Dependency;
use async_trait::async_trait;
use ports::{
    AlertStore, Cache, Clock, CrmRunStore, CrmSource, CrmWriteback, HealthProbe, IdGenerator, IdentityProvider,
    ImportBatchStore, Notifier, ProbeError, ReportJobStore, ReportMailer, ReportRenderer, ReportStore, ResultStore,
    SalesSink, SalesSource, ScheduleStore,
};
use secrecy::ExposeSecret;

use crate::settings::{DataSource, FakeDataset, Settings};

/// Every port, bound to the adapter the settings chose.
#[derive(Clone)]
pub struct Adapters {
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGenerator>,
    pub sales_source: Arc<dyn SalesSource>,
    pub sales_sink: Arc<dyn SalesSink>,
    pub cache: Arc<dyn Cache>,
    pub reports: Arc<dyn ReportStore>,
    /// One renderer per report format.
    pub renderers: Vec<Arc<dyn ReportRenderer>>,
    pub notifiers: Vec<Arc<dyn Notifier>>,
    pub alert_store: Arc<dyn AlertStore>,
    /// Uploaded import batches and their commit progress.
    pub import_batches: Arc<dyn ImportBatchStore>,
    /// The report job queue (same database as the alerts).
    pub report_jobs: Arc<dyn ReportJobStore>,
    /// Report schedules and the scheduler's tick claims (same database as the alerts).
    pub schedules: Arc<dyn ScheduleStore>,
    /// E-mails scheduled reports (none without an SMTP host).
    pub report_mailer: Option<Arc<dyn ReportMailer>>,
    /// Where CRM records come from and scores go back to (fake in DEV).
    pub crm_source: Arc<dyn CrmSource>,
    pub crm_writeback: Arc<dyn CrmWriteback>,
    /// Dated CRM analytics snapshots.
    pub result_store: Arc<dyn ResultStore>,
    /// The CRM pipeline's run history (same database as the alerts).
    pub crm_runs: Arc<dyn CrmRunStore>,
    /// Who signs dashboard users in: always the Java service (it issues every token SalesFlow
    /// accepts), whatever the data source.
    pub identity: Arc<dyn IdentityProvider>,
    /// What `/api/v1/health/ready` probes.
    pub dependencies: Vec<Dependency>,
    pub summary: AdapterSummary,
    /// Expensive first-use work (generating the fake shop) that a server may run in the
    /// background at start-up, so the first request does not pay for it.
    pub warm_up: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for Adapters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adapters").field("summary", &self.summary).finish_non_exhaustive()
    }
}

/// Which adapter serves each port, for the start-up log and the PROD guard.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AdapterSummary {
    pub sales_source: String,
    pub sales_sink: String,
    pub cache: String,
    pub reports: String,
    pub alert_store: String,
    pub import_batches: String,
    pub notifiers: Vec<String>,
    pub crm: String,
    pub result_store: String,
}

impl AdapterSummary {
    /// Adapters that only exist for development and tests.
    #[must_use]
    pub fn fakes(&self) -> Vec<&str> {
        let mut fakes: Vec<&str> = [&self.sales_source, &self.sales_sink, &self.crm]
            .into_iter()
            .filter(|k| k.starts_with("fake"))
            .map(String::as_str)
            .collect();
        // State kept in memory is lost on restart: alert history would vanish.
        if self.alert_store == "memory" {
            fakes.push("memory alert store");
        }
        if self.result_store == "memory" {
            fakes.push("memory result store");
        }
        fakes
    }
}

/// Bounds a probe with a timeout, so one hung dependency cannot hang readiness.
struct TimeoutProbe(Arc<dyn HealthProbe>, Duration);

#[async_trait]
impl HealthProbe for TimeoutProbe {
    async fn check(&self) -> Result<(), ProbeError> {
        match tokio::time::timeout(self.1, self.0.check()).await {
            Ok(result) => result,
            Err(_) => Err(ProbeError(format!("no answer within {} ms", self.1.as_millis()))),
        }
    }
}

/// A dependency for readiness, its probe bounded by `server.probe_timeout_ms`.
#[must_use]
pub fn dependency(settings: &Settings, name: &'static str, required: bool, probe: Arc<dyn HealthProbe>) -> Dependency {
    let timeout = Duration::from_millis(settings.server.probe_timeout_ms);
    Dependency { name, required, probe: Arc::new(TimeoutProbe(probe, timeout)) }
}

fn java_client(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<JavaClient> {
    let j = &settings.java;
    let config = JavaConfig {
        base_url: j.base_url.clone(),
        timeout: Duration::from_millis(j.timeout_ms),
        connect_timeout: Duration::from_millis(j.connect_timeout_ms),
        retries: j.retries,
        retry_backoff: Duration::from_millis(j.retry_backoff_ms),
        pool_max_idle_per_host: j.pool_max_idle_per_host,
        system_token: j.system_token.as_ref().map(|t| t.expose_secret().to_owned()),
        system_login: j
            .system_login
            .clone()
            .zip(j.system_password.as_ref())
            .map(|(login, password)| ports::Credentials { login, password: password.expose_secret().to_owned() }),
        system_refresh_before: Duration::from_secs(j.system_token_refresh_secs),
        zone: settings.shop.timezone.parse().map_err(|_| anyhow::anyhow!("shop.timezone"))?,
        health_url: j.health_url.clone(),
    };
    JavaClient::new(config, clock).map_err(|e| anyhow::anyhow!("java: {e}"))
}

/// The in-process cache, behind Redis when `cache.redis_url` is set (falling back to it per call
/// while Redis is down, so no request ever fails because of Redis).
fn cache(settings: &Settings, dependencies: &mut Vec<Dependency>) -> anyhow::Result<(Arc<dyn Cache>, String)> {
    let c = &settings.cache;
    let memory = Arc::new(MemoryCache::new(MemoryCacheLimits {
        max_entries: c.memory_max_entries,
        max_bytes: c.memory_max_bytes,
        ..MemoryCacheLimits::default()
    }));
    let Some(url) = c.redis_url.as_ref() else {
        return Ok((memory, "memory (moka)".into()));
    };
    let redis = Arc::new(
        RedisCache::new(url.expose_secret(), c.redis_pool_size, Duration::from_millis(c.redis_timeout_ms))
            .map_err(|e| anyhow::anyhow!("cache.redis_url (REDIS_URL): {e}"))?,
    );
    // Not required: while Redis is down the in-process cache serves, and readiness says so.
    dependencies.push(dependency(settings, "redis", false, redis.clone()));
    let fallback = FallbackCache::new(redis, memory, Duration::from_millis(c.redis_retry_after_ms));
    Ok((Arc::new(fallback), "redis (falls back to memory)".into()))
}

impl Adapters {
    /// Builds every adapter for `settings`.
    ///
    /// # Errors
    /// When an adapter cannot be built from its settings, or when PROD would run on a fake.
    pub async fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let zone: chrono_tz::Tz = settings.shop.timezone.parse().map_err(|_| anyhow::anyhow!("shop.timezone"))?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock::new(zone));
        Self::with_clock(settings, clock).await
    }

    /// As [`Adapters::from_settings`], with a given clock (tests freeze time this way).
    ///
    /// # Errors
    /// As [`Adapters::from_settings`].
    pub async fn with_clock(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let mut summary = AdapterSummary::default();
        let mut dependencies = Vec::new();

        type WarmUp = Option<Arc<dyn Fn() + Send + Sync>>;
        // Building the client opens no connection: DEV on fake data pays nothing for it.
        let java = Arc::new(java_client(settings, Arc::clone(&clock))?);
        let identity: Arc<dyn IdentityProvider> = java.clone();
        let (sales_source, sales_sink, warm_up): (Arc<dyn SalesSource>, Arc<dyn SalesSink>, WarmUp) =
            match settings.data.source {
                DataSource::Fake => {
                    let fake = &settings.data.fake;
                    let dataset = match fake.dataset {
                        FakeDataset::Shop => Dataset::Shop(FakeShopConfig {
                            seed: fake.seed,
                            products: fake.products,
                            days: fake.days,
                            sale_lines: fake.sale_lines,
                        }),
                        FakeDataset::UpstreamMock => Dataset::UpstreamMock,
                    };
                    summary.sales_source = format!("fake ({:?}, seed {})", fake.dataset, fake.seed);
                    summary.sales_sink.clone_from(&summary.sales_source);
                    let shop = Arc::new(FakeShop::new(dataset, Arc::clone(&clock)));
                    let warm = Arc::clone(&shop);
                    dependencies.push(dependency(settings, "sales_source", true, shop.clone()));
                    (shop.clone(), shop, Some(Arc::new(move || drop(warm.history()))))
                }
                DataSource::Java => {
                    let client = java;
                    summary.sales_source = format!("java ({})", settings.java.base_url);
                    summary.sales_sink.clone_from(&summary.sales_source);
                    dependencies.push(dependency(settings, "java", true, client.clone()));
                    (client.clone(), client, None)
                }
            };

        let crm = crate::crm::crm_adapters(settings, &clock)?;
        summary.crm = crm.source_kind.clone();
        summary.result_store = crm.store_kind.clone();
        dependencies.extend(crm.store_dependency.clone());

        // Refuse before anything opens a file or a connection.
        if settings.is_prod() && !summary.fakes().is_empty() {
            bail!("PROD refuses to start with fake adapters: {}", summary.fakes().join(", "));
        }
        let (cache, cache_kind) = cache(settings, &mut dependencies)?;
        summary.cache = cache_kind;

        let (reports, reports_kind, reports_dependency) = report_store(settings, &clock)?;
        summary.reports = reports_kind;
        dependencies.extend(reports_dependency);

        let notifiers = crate::state::notifiers(settings)?;
        summary.notifiers = notifiers.iter().map(|n| n.channel().to_owned()).collect();
        let state = crate::state::state(settings).await?;
        // Batches and their commit progress live with the rest of the state (docs/IMPORT.md):
        // with sqlite or postgres they survive a restart and a commit resumes on any gateway.
        summary.import_batches = state.label.clone();
        summary.alert_store = state.label;
        dependencies.extend(state.dependency);
        let (alert_store, report_jobs, crm_runs, import_batches, schedules) =
            (state.alerts, state.jobs, state.crm_runs, state.imports, state.schedules);
        let report_mailer = crate::state::report_mailer(settings)?;

        if settings.is_prod() && !summary.fakes().is_empty() {
            bail!("PROD refuses to start with fake adapters: {}", summary.fakes().join(", "));
        }
        Ok(Self {
            clock,
            ids: Arc::new(UuidV7Ids),
            sales_source,
            sales_sink,
            cache,
            reports,
            renderers: vec![Arc::new(adapter_pdf::PdfRenderer::new()), Arc::new(adapter_xlsx::XlsxRenderer::new())],
            notifiers,
            alert_store,
            import_batches,
            report_jobs,
            schedules,
            report_mailer,
            crm_source: crm.source,
            crm_writeback: crm.writeback,
            result_store: crm.store,
            crm_runs,
            identity,
            dependencies,
            summary,
            warm_up,
        })
    }
}

/// The artifact store: object storage when `reports.store` names it (with its readiness probe);
/// otherwise files, which outlive the process only where the job records do (not with the
/// memory state).
fn report_store(
    settings: &Settings,
    clock: &Arc<dyn Clock>,
) -> anyhow::Result<(Arc<dyn ReportStore>, String, Option<Dependency>)> {
    use crate::settings::{ObjectBackend, ReportStoreKind, StateBackend};
    let object = |backend| {
        crate::object_storage::report_store(settings, backend).map(|o| (o.store, o.label, Some(o.dependency)))
    };
    match settings.reports.store {
        ReportStoreKind::S3 => object(ObjectBackend::S3),
        ReportStoreKind::Azure => object(ObjectBackend::Azure),
        ReportStoreKind::Filesystem if settings.state.backend == StateBackend::Memory => {
            Ok((Arc::new(MemoryReportStore::with_clock(Arc::clone(clock))), "memory".into(), None))
        }
        ReportStoreKind::Filesystem => {
            let dir = &settings.reports.export_dir;
            let store = adapter_system::FsReportStore::open(dir)
                .with_context(|| format!("reports.export_dir (EXPORT_DIR): cannot create {}", dir.display()))?;
            Ok((Arc::new(store), format!("files ({})", dir.display()), None))
        }
    }
}
