//! Logs (`tracing`) and metrics (Prometheus), set up once per process.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing::Subscriber;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::settings::{LogFormat, Settings};

/// Latency buckets for `http_request_duration_seconds`: 100 µs … 10 s.
const LATENCY_BUCKETS: &[f64] =
    &[0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// A subscriber writing to `sink` in the format the settings ask for.
pub fn subscriber<W>(settings: &Settings, sink: W) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_new(&settings.telemetry.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let json = match settings.telemetry.log_format {
        LogFormat::Json => true,
        LogFormat::Compact => false,
        LogFormat::Auto => settings.is_prod(),
    };
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(sink).with_target(true).with_ansi(ansi);
    if json {
        Box::new(builder.json().flatten_event(true).with_current_span(true).with_span_list(false).finish())
    } else {
        Box::new(builder.compact().finish())
    }
}

/// Installs the global logger writing to stdout through a background thread (so a slow terminal
/// never stalls a request). The thread writes through a buffer and flushes whenever its queue
/// drains: one syscall per batch instead of one per line under load, and no delay when idle.
/// Keep the guard alive until exit: dropping it flushes.
///
/// # Errors
/// When a global subscriber is already installed.
pub fn init(settings: &Settings) -> anyhow::Result<WorkerGuard> {
    let (writer, guard) =
        tracing_appender::non_blocking(std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout()));
    tracing::subscriber::set_global_default(subscriber(settings, writer))?;
    Ok(guard)
}

/// The process-wide Prometheus recorder, installed on first use. Every app and test in the
/// process shares it, as `metrics` allows one global recorder.
#[must_use]
pub fn metrics() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), LATENCY_BUCKETS)
                .map(PrometheusBuilder::build_recorder);
            match recorder {
                Ok(recorder) => {
                    let handle = recorder.handle();
                    // Only fails when another recorder is installed; metrics then go there.
                    let _ = metrics::set_global_recorder(recorder);
                    handle
                }
                Err(_) => PrometheusBuilder::new().build_recorder().handle(),
            }
        })
        .clone()
}
