//! The HTTP server: the app (middleware + routes) and its lifecycle.

use std::net::TcpListener;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use bootstrap::{Adapters, Settings};

use crate::middleware::{REQUEST_ID, observe};
use crate::state::AppState;
use crate::{extractors, routes};

fn cors(state: &AppState) -> Cors {
    let settings = &state.settings.server.cors;
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        .allow_any_header()
        .supports_credentials()
        .expose_headers([REQUEST_ID, header::CONTENT_DISPOSITION, header::RETRY_AFTER])
        .max_age(settings.max_age_secs);
    for origin in &settings.allowed_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// The complete application: every middleware and route, around `state`.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (json_limit, body_limit) = (state.settings.server.json_limit_bytes, state.settings.server.body_limit_bytes);
    let cors = cors(&state);
    App::new()
        .app_data(state)
        .configure(|cfg| extractors::configure(cfg, json_limit, body_limit))
        .configure(routes::configure)
        // `observe` is outermost: it sees the final status, and its envelope safety net also
        // covers CORS rejections.
        .wrap(cors)
        .wrap(from_fn(observe))
}

/// A bound, not yet running server.
pub struct Application {
    server: Server,
    address: std::net::SocketAddr,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application").field("address", &self.address).finish_non_exhaustive()
    }
}

impl Application {
    /// Binds `server.host:server.port` (port 0 picks a free one), prepares the workers and
    /// starts the background alert delivery.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn build(settings: Settings, adapters: Adapters) -> anyhow::Result<Self> {
        Self::build_with(settings, adapters, true).map(|(app, _)| app)
    }

    /// As [`Application::build`]; without `background`, nothing runs on its own and tests step
    /// the work through the returned state.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn build_with(
        settings: Settings,
        adapters: Adapters,
        background: bool,
    ) -> anyhow::Result<(Self, web::Data<AppState>)> {
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let listener = TcpListener::bind(&address)
            .with_context(|| format!("cannot listen on {address} (server.host/server.port, or PORT)"))?;
        let address = listener.local_addr()?;
        let (workers, shutdown) = (settings.server.workers, settings.server.shutdown_timeout_secs);
        let state = web::Data::new(AppState::new(settings, adapters));
        spawn_metrics_upkeep(&state);
        if background {
            spawn_alert_delivery(&state);
            spawn_import_purge(&state);
            if state.settings.jobs.worker_enabled {
                spawn_report_worker(&state);
            }
            if state.settings.jobs.scheduler_enabled {
                spawn_scheduler(&state);
            }
            if state.settings.crm.run_on_startup {
                spawn_startup_crm_run(&state);
            }
        }
        let shared = state.clone();
        let mut server = HttpServer::new(move || app(state.clone())).shutdown_timeout(shutdown);
        if workers > 0 {
            server = server.workers(workers);
        }
        let server = server.listen(listener)?.run();
        Ok((Self { server, address }, shared))
    }

    #[must_use]
    pub fn address(&self) -> std::net::SocketAddr {
        self.address
    }

    /// A handle to stop the server gracefully.
    #[must_use]
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGINT/SIGTERM (graceful: in-flight requests get `shutdown_timeout_secs`).
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Delivers queued alert notifications every `alerts.delivery_interval_secs`, outside any
/// request: a dead mail server delays a notification, never an API call.
fn spawn_alert_delivery(state: &web::Data<AppState>) {
    let state = state.clone();
    let every = Duration::from_secs(state.settings.alerts.delivery_interval_secs);
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                // Drain what is due; a store error is logged by the use case and retried next tick.
                while let Ok(report) = state.alerts.deliver_due(100).await {
                    if report.sent + report.retrying + report.abandoned < 100 {
                        break;
                    }
                }
            }
        });
    }
}

/// Deletes expired import batches every `imports.purge_interval_secs`: an expired batch already
/// answers 410, this frees its rows (which may be 200 000) from the state store.
fn spawn_import_purge(state: &web::Data<AppState>) {
    let state = state.clone();
    let every = Duration::from_secs(state.settings.imports.purge_interval_secs.max(1));
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                purge_import_batches(&state).await;
            }
        });
    }
}

/// One pass of the import batch purge (the loop above; tests step it): how many were deleted.
/// A store failure is logged and retried at the next pass.
pub async fn purge_import_batches(state: &AppState) -> u64 {
    match state.imports.purge_expired().await {
        Ok(removed) => {
            if removed > 0 {
                tracing::info!(removed, "expired import batches deleted");
            }
            removed
        }
        Err(e) => {
            tracing::warn!(error = %e, "import batch purge failed");
            0
        }
    }
}

/// Runs the report worker in the background of this server.
fn spawn_report_worker(state: &web::Data<AppState>) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(report_worker(state.clone()));
    }
}

/// The report worker's loop, for the gateway and `salesflow-worker`: runs due jobs one at a
/// time (rendering is CPU-bound; scale out with more worker processes), and enforces retention
/// about hourly. Never returns.
pub async fn report_worker(state: web::Data<AppState>) {
    let every = Duration::from_millis(state.settings.jobs.poll_interval_ms);
    let mut tick = tokio::time::interval(every);
    let purge_every = (3_600_000 / state.settings.jobs.poll_interval_ms.max(1)).max(1);
    for n in 0_u64.. {
        tick.tick().await;
        // Drain what is due; a store error is logged and retried on the next tick.
        loop {
            match state.report_jobs.run_next().await {
                Ok(app::StepOutcome::Idle) => break,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "report worker: the job store failed");
                    break;
                }
            }
        }
        if n % purge_every == 0 {
            match state.report_jobs.purge().await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "report jobs past retention deleted"),
                Err(e) => tracing::warn!(error = %e, "report retention failed"),
            }
        }
    }
}

/// Runs the scheduler in the background of this server.
fn spawn_scheduler(state: &web::Data<AppState>) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(scheduler_loop(state.clone()));
    }
}

/// The scheduler's loop, for the gateway and `salesflow-worker` (`jobs.scheduler_enabled`):
/// every `jobs.scheduler_interval_secs`, fires what is due. Several processes may run it: the
/// store's tick claim makes each tick run once. Never returns.
pub async fn scheduler_loop(state: web::Data<AppState>) {
    let mut tick = tokio::time::interval(Duration::from_secs(state.settings.jobs.scheduler_interval_secs));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let builtins: Vec<&str> = state.scheduler.builtins().iter().map(|b| b.task).collect();
    tracing::info!(?builtins, "scheduler started");
    loop {
        tick.tick().await;
        if let Err(e) = state.scheduler.run_due(state.adapters.clock.now()).await {
            tracing::warn!(error = %e, "scheduler pass failed; retrying next tick");
        }
    }
}

/// DEV runs the CRM pipeline once at start-up, so the CRM pages have data at once.
fn spawn_startup_crm_run(state: &web::Data<AppState>) {
    let state = state.clone();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            // The run logs its own outcome and keeps it in the run history.
            let _ = state.crm.run(app::RunTrigger::Startup, None).await;
        });
    }
}

/// Histograms keep raw samples until rendered; drain them even if nobody scrapes `/metrics`.
fn spawn_metrics_upkeep(state: &web::Data<AppState>) {
    let handle = state.metrics.clone();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(10));
            loop {
                tick.tick().await;
                handle.run_upkeep();
            }
        });
    }
}
