//! `salesflow-worker`: runs report jobs from the shared state database (the SQLite file of this
//! host, or PostgreSQL shared by several machines), without serving HTTP. Start as many as the cores allow; each claims one job at a time
//! under a lease, so no job runs twice and a killed worker's job is taken over. Settings are the
//! gateway's (`configuration/`, `APP__…`, the seeds' aliases); set `jobs.worker_enabled: false`
//! on the gateways to leave rendering to the workers.

use std::process::ExitCode;

use actix_web::web;
use bootstrap::settings::StateBackend;
use bootstrap::{Adapters, startup};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let started = match startup::start("salesflow-worker") {
        Ok(started) => started,
        Err(code) => return code,
    };
    let outcome = run(started.settings).await;
    startup::finish("salesflow-worker", outcome)
}

async fn run(settings: bootstrap::Settings) -> anyhow::Result<()> {
    if settings.state.backend == StateBackend::Memory {
        // A separate process cannot see the gateway's memory: there would be nothing to run.
        anyhow::bail!("state.backend is memory: a separate worker needs the shared sqlite (or postgres) state");
    }
    let adapters = Adapters::from_settings(&settings).await?;
    tracing::info!(adapters = ?adapters.summary, "report worker started");
    let state = web::Data::new(gateway::AppState::new(settings, adapters));
    tokio::select! {
        () = gateway::report_worker(state) => {}
        _ = tokio::signal::ctrl_c() => tracing::info!("report worker stopping"),
    }
    Ok(())
}
