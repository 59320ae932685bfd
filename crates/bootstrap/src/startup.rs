//! The start of every SalesFlow process (gateway, worker, CLI): settings from the process's
//! files and environment, then logging, with the same exit codes everywhere.

use std::process::ExitCode;

use tracing_appender::non_blocking::WorkerGuard;

use crate::settings::load;
use crate::{ConfigSources, Settings, telemetry};

/// A started process: its settings, and the guard that flushes the log when dropped.
#[allow(missing_debug_implementations, reason = "the log guard has no Debug; nothing prints this")]
pub struct Started {
    pub settings: Settings,
    pub log_guard: WorkerGuard,
}

/// Loads the settings and sets up logging; settings warnings are logged once logging is up.
///
/// # Errors
/// Exit code 2 (bad configuration) after printing why on stderr, prefixed with `program`.
pub fn start(program: &str) -> Result<Started, ExitCode> {
    let loaded = load(&ConfigSources::from_process()).map_err(|e| {
        eprintln!("{program}: {e}");
        ExitCode::from(2)
    })?;
    let log_guard = telemetry::init(&loaded.settings).map_err(|e| {
        eprintln!("{program}: cannot set up logging: {e}");
        ExitCode::from(2)
    })?;
    for warning in &loaded.warnings {
        tracing::warn!("{warning}");
    }
    Ok(Started { settings: loaded.settings, log_guard })
}

/// Exit status of a process's main task: failures are logged and printed on stderr.
#[must_use]
pub fn finish(program: &str, outcome: anyhow::Result<()>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "{program} stopped");
            eprintln!("{program}: {e:#}");
            ExitCode::FAILURE
        }
    }
}
