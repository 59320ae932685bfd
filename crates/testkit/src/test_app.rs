//! `TestApp`: the real gateway on `127.0.0.1:0`, built through `bootstrap` like the binary.

use std::sync::{Arc, Once};

use actix_web::dev::ServerHandle;
use adapter_memory::FixedClock;
use app::Dependency;
use bootstrap::settings::{Environment, load};
use bootstrap::{Adapters, ConfigSources, Settings};
use gateway::Application;
use ports::{Cache, Clock, HealthProbe, SalesSink, SalesSource};

fn init_logging() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            let _ = tracing_subscriber::fmt().with_env_filter("info").with_test_writer().try_init();
        }
    });
}

type SettingsEdit = Box<dyn FnOnce(&mut Settings)>;
type AdaptersEdit = Box<dyn FnOnce(&mut Adapters, &Settings)>;

/// Configures a [`TestApp`]: every port starts as the DEV adapter (fake shop, memory cache…).
#[must_use = "call .spawn().await"]
pub struct TestAppBuilder {
    env: Vec<(String, String)>,
    settings_edits: Vec<SettingsEdit>,
    adapter_edits: Vec<AdaptersEdit>,
    clock: Arc<dyn Clock>,
    prod: bool,
}

impl std::fmt::Debug for TestAppBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestAppBuilder").field("env", &self.env).field("prod", &self.prod).finish_non_exhaustive()
    }
}

impl TestAppBuilder {
    /// An environment variable, as the binary would read it (aliases and `APP__…`).
    pub fn with_env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Edits the loaded settings before the adapters are built.
    pub fn with_settings(mut self, edit: impl FnOnce(&mut Settings) + 'static) -> Self {
        self.settings_edits.push(Box::new(edit));
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_sales_source(self, source: Arc<dyn SalesSource>) -> Self {
        self.with_adapters(move |a, _| a.sales_source = source)
    }

    pub fn with_sales_sink(self, sink: Arc<dyn SalesSink>) -> Self {
        self.with_adapters(move |a, _| a.sales_sink = sink)
    }

    pub fn with_cache(self, cache: Arc<dyn Cache>) -> Self {
        self.with_adapters(move |a, _| a.cache = cache)
    }

    /// Adds a readiness dependency (bounded by `server.probe_timeout_ms` like real ones).
    pub fn with_dependency(self, name: &'static str, required: bool, probe: Arc<dyn HealthProbe>) -> Self {
        self.with_adapters(move |a, s| a.dependencies.push(bootstrap::dependency(s, name, required, probe)))
    }

    /// Any other change to the wired adapters.
    pub fn with_adapters(mut self, edit: impl FnOnce(&mut Adapters, &Settings) + 'static) -> Self {
        self.adapter_edits.push(Box::new(edit));
        self
    }

    /// PROD authentication and docs lock, over the DEV adapters. The composition root refuses
    /// fakes in PROD (tested on its own); this lets the gateway's PROD behaviour be tested
    /// without a Java service.
    pub fn prod_auth(mut self) -> Self {
        self.prod = true;
        self
    }

    /// Builds everything and starts serving on a free port.
    ///
    /// # Panics
    /// When the settings or the server cannot be built: a broken test setup.
    pub async fn spawn(self) -> TestApp {
        init_logging();
        let mut env = vec![("JAVA_JWT_SECRET".to_owned(), crate::JAVA_SECRET.to_owned())];
        env.extend(self.env);
        let sources = ConfigSources::from_env(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut settings = load(&sources).expect("test settings load").settings;
        settings.server.port = 0;
        settings.server.workers = 1;
        settings.telemetry.access_log = std::env::var_os("TEST_LOG").is_some();
        // Each test starts with empty state; `with_settings` may choose a database instead.
        settings.state.backend = bootstrap::settings::StateBackend::Memory;
        settings.crm.store = bootstrap::settings::ResultStoreKind::Memory;
        for edit in self.settings_edits {
            edit(&mut settings);
        }
        let mut adapters = Adapters::with_clock(&settings, self.clock).await.expect("test adapters");
        for edit in self.adapter_edits {
            edit(&mut adapters, &settings);
        }
        if self.prod {
            settings.environment = Environment::Prod;
        }
        let crm_on_startup = settings.crm.run_on_startup;
        // No background work: tests step it (`deliver_alerts`) instead of waiting for it.
        let (application, state) = Application::build_with(settings, adapters.clone(), false).expect("gateway builds");
        if crm_on_startup {
            // What the server does in the background at start-up, done before the first request;
            // a failure is kept in the run history, as it would be.
            let _ = state.crm.run(app::RunTrigger::Startup, None).await;
        }
        let address = format!("http://{}", application.address());
        let handle = application.handle();
        tokio::spawn(application.run_until_stopped());
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        TestApp { address, client, handle, adapters, state }
    }
}

/// A running gateway and a client for it; stops when dropped.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub adapters: Adapters,
    pub state: actix_web::web::Data<gateway::AppState>,
    handle: ServerHandle,
}

impl std::fmt::Debug for TestApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestApp").field("address", &self.address).finish_non_exhaustive()
    }
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            env: Vec::new(),
            settings_edits: Vec::new(),
            adapter_edits: Vec::new(),
            clock: Arc::new(FixedClock::on(crate::today())),
            prod: false,
        }
    }

    /// A DEV gateway with every default.
    pub async fn spawn() -> Self {
        Self::builder().spawn().await
    }

    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// `GET path` without credentials.
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.get(self.url(path))
    }

    /// `GET path` with `Authorization: Bearer token`.
    pub fn get_with(&self, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.get(path).bearer_auth(token)
    }

    /// `POST path` with a JSON body and `Authorization: Bearer token`.
    pub fn post_json(&self, path: &str, token: &str, body: &serde_json::Value) -> reqwest::RequestBuilder {
        self.client.post(self.url(path)).bearer_auth(token).json(body)
    }

    /// Runs report jobs until none is due (the worker's loop, stepped), returning each outcome.
    ///
    /// # Panics
    /// When the job store fails.
    pub async fn run_report_jobs(&self) -> Vec<app::StepOutcome> {
        let mut outcomes = Vec::new();
        loop {
            match self.state.report_jobs.run_next().await.expect("the report job store works") {
                app::StepOutcome::Idle => return outcomes,
                outcome => outcomes.push(outcome),
            }
        }
    }

    /// One scheduler pass at `now` (what the background loop does every
    /// `jobs.scheduler_interval_secs`), without waiting for wall-clock time.
    ///
    /// # Panics
    /// When the schedule store fails.
    pub async fn run_scheduler(&self, now: chrono::DateTime<chrono::Utc>) -> app::TickReport {
        self.state.scheduler.run_due(now).await.expect("the schedule store works")
    }

    /// One pass of the gateway's periodic purge of expired import batches; how many it deleted.
    pub async fn purge_import_batches(&self) -> u64 {
        gateway::purge_import_batches(&self.state).await
    }

    /// Delivers every alert notification due now, as the background loop would.
    ///
    /// # Panics
    /// When the alert store fails.
    pub async fn deliver_alerts(&self) -> app::DeliveryReport {
        self.state.alerts.deliver_due(1000).await.expect("alert delivery")
    }

    /// The dependencies readiness will probe.
    #[must_use]
    pub fn dependencies(&self) -> &[Dependency] {
        &self.adapters.dependencies
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting at once; the runtime ends with the test.
        let handle = self.handle.clone();
        drop(tokio::spawn(async move { handle.stop(false).await }));
    }
}
