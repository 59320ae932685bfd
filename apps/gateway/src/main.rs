//! `salesflow-gateway`: loads the settings, sets up telemetry, wires the adapters and serves.

use std::process::ExitCode;

use bootstrap::{Adapters, startup};
use gateway::Application;

// Measured: fewer allocator stalls under load than glibc malloc (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let started = match startup::start("salesflow") {
        Ok(started) => started,
        Err(code) => return code,
    };
    let outcome = serve(started.settings).await;
    startup::finish("salesflow", outcome)
}

async fn serve(settings: bootstrap::Settings) -> anyhow::Result<()> {
    let mode = if settings.is_prod() { "PROD" } else { "DEV" };
    let adapters = Adapters::from_settings(&settings).await?;
    tracing::info!(mode, adapters = ?adapters.summary, "adapters wired");
    if let Some(warm_up) = adapters.warm_up.clone() {
        tokio::task::spawn_blocking(move || warm_up());
    }
    let app = Application::build(settings, adapters)?;
    let url = format!("http://{}", app.address());
    tracing::info!(mode, %url, docs = %format!("{url}/docs/"), "SalesFlow gateway listening");
    app.run_until_stopped().await?;
    tracing::info!("gateway stopped gracefully");
    Ok(())
}
