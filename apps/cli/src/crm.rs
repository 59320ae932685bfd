//! `salesflow crm run [--dry-run] [--json]`: the CRM pipeline once, in this process, with the
//! configured settings and adapters (the gateway's: `configuration/`, `APP__…`, the seeds'
//! aliases). The run is kept in the run history with trigger `cli`; its alerts are recorded in
//! the shared alert history and delivered before the command ends.
//!
//! Exit codes: 0 the run succeeded, 1 it failed (the failed run is in the history too), 2 the
//! settings or adapters could not be set up.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use app::{RunRecord, RunTrigger};
use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources, Settings, telemetry};
use clap::{Args as ClapArgs, Subcommand};
use ports::{StepReport, WritebackReport};

/// How many queued alert deliveries the command sends before it ends.
const DELIVER_LIMIT: u32 = 100;

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Run the pipeline now: extract → score → store snapshots → writeback → alerts; prints the
    /// summary.
    Run(RunArgs),
}

#[derive(ClapArgs)]
pub(crate) struct RunArgs {
    /// Compute and store snapshots, but write nothing to the CRM (reports what it would write).
    #[arg(long)]
    dry_run: bool,
    /// Print the run record as JSON (the API's shape) instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(command: &Command) -> ExitCode {
    let Command::Run(args) = command;
    let settings = match load(&ConfigSources::from_process()) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                eprintln!("salesflow: {w}");
            }
            loaded.settings
        }
        Err(e) => {
            eprintln!("salesflow: {e}");
            return ExitCode::from(2);
        }
    };
    // Logs (the log alert channel included) go to stderr: stdout is the summary.
    if tracing::subscriber::set_global_default(telemetry::subscriber(&settings, std::io::stderr)).is_err() {
        eprintln!("salesflow: logging was already set up");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("salesflow: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(run_once(settings, args))
}

async fn run_once(settings: Settings, args: &RunArgs) -> ExitCode {
    let adapters = match Adapters::from_settings(&settings).await {
        Ok(a) => a,
        Err(e) => {
            eprintln!("salesflow: {e:#}");
            return ExitCode::from(2);
        }
    };
    let state = gateway::AppState::new(settings, adapters);
    // `--dry-run` forces a dry run; without it the configured default (`crm.dry_run`) applies.
    let dry_run = args.dry_run.then_some(true);
    let outcome = state.crm.run(RunTrigger::Cli, dry_run).await;
    if let Err(e) = state.alerts.deliver_due(DELIVER_LIMIT).await {
        eprintln!("salesflow: alerts recorded but not delivered now: {e}");
    }
    match outcome {
        Ok(record) => {
            let text =
                if args.json { serde_json::to_string_pretty(&record).map(|j| j + "\n") } else { Ok(report(&record)) };
            let written =
                text.map_err(std::io::Error::other).and_then(|t| std::io::stdout().lock().write_all(t.as_bytes()));
            if let Err(e) = written {
                // The run is done and recorded; only its printout was lost.
                eprintln!("salesflow: cannot print the run summary: {e}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("salesflow: CRM run failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn step(out: &mut String, name: &str, s: &StepReport) {
    let _ = writeln!(
        out,
        "  {name:<20} {:>7} written, {} errors, {} duplicates skipped",
        s.written, s.errors, s.skipped_duplicates
    );
}

fn writeback(out: &mut String, w: &WritebackReport) {
    let _ = writeln!(out, "Writeback{}:", if w.dry_run { " (dry run: what would be written)" } else { "" });
    step(out, "lead scores", &w.lead_scores);
    step(out, "churn risk", &w.churn_risk);
    step(out, "follow-up tasks", &w.follow_up_tasks);
    step(out, "intervention tasks", &w.intervention_tasks);
}

/// The human-readable summary of a finished run.
fn report(r: &RunRecord) -> String {
    let mut out = String::new();
    let seconds = (r.finished_at - r.started_at).num_milliseconds() as f64 / 1000.0;
    let _ = writeln!(
        out,
        "CRM run {} {:?}{} in {seconds:.2} s (source {})",
        r.id,
        r.status,
        if r.dry_run { ", dry run" } else { "" },
        r.source
    );
    let e = &r.extracted;
    let _ = writeln!(
        out,
        "Extracted: {} leads, {} opportunities, {} accounts, {} cases",
        e.leads, e.opportunities, e.accounts, e.cases
    );
    let _ = writeln!(out, "Snapshots:");
    for s in &r.snapshots {
        let _ = writeln!(out, "  {s}");
    }
    if let Some(w) = &r.writeback {
        writeback(&mut out, w);
    }
    let _ = writeln!(out, "Alerts raised: {}", r.alerts_raised);
    if let Some(s) = &r.summary {
        let _ = writeln!(out);
        out.push_str(&s.text);
    }
    out
}
