//! Report jobs per minute with one and with two workers (a timing binary, release profile):
//! 24 combined 90-day reports (half PDF, half XLSX) queued in a SQLite state file, then run by
//! one worker, and again by two workers with their own adapters on the same file — the
//! layout of a gateway plus one `salesflow-worker`. Each worker claims under a lease, renders and
//! stores the file, exactly as in production (DEV fake data). docs/PERFORMANCE.md records the
//! numbers. `cargo bench -p salesflow-gateway --bench report_jobs`.

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::Instant;

use app::reports::{JobRequest, StepOutcome};
use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources};
use domain::analytics::Period;
use domain::auth::Principal;
use domain::report::{ReportFormat, ReportKind};
use gateway::AppState;

const JOBS: usize = 24;

async fn worker_state(dir: &std::path::Path) -> actix_web::web::Data<AppState> {
    let db = dir.join("state.db").display().to_string();
    let exports = dir.join("reports").display().to_string();
    let env = [
        ("APP__STATE__BACKEND", "sqlite"),
        ("APP__STATE__SQLITE_PATH", db.as_str()),
        ("APP__REPORTS__EXPORT_DIR", exports.as_str()),
        ("APP__JOBS__WORKER_ENABLED", "false"),
    ];
    let settings = load(&ConfigSources::from_env(env)).expect("settings").settings;
    let adapters = Adapters::from_settings(&settings).await.expect("adapters");
    actix_web::web::Data::new(AppState::new(settings, adapters))
}

/// Queues the jobs, then lets `workers` drain the queue concurrently; jobs per minute.
async fn run(workers: &[actix_web::web::Data<AppState>]) -> f64 {
    let caller = Principal::dev_admin();
    for i in 0..JOBS {
        let format = if i % 2 == 0 { ReportFormat::Pdf } else { ReportFormat::Xlsx };
        let request = JobRequest {
            kind: ReportKind::Combined,
            format,
            period: Period::Daily,
            start_date: None,
            end_date: None,
            include_forecast: false,
        };
        workers[0].report_jobs.submit(&caller, request).await.expect("submit");
    }
    let start = Instant::now();
    let tasks: Vec<_> = workers
        .iter()
        .map(|state| {
            let service = state.report_jobs.clone();
            tokio::spawn(async move {
                let mut done = 0_usize;
                loop {
                    match service.run_next().await.expect("step") {
                        StepOutcome::Idle => return done,
                        StepOutcome::Completed(_) => done += 1,
                        other => panic!("a job did not complete: {other:?}"),
                    }
                }
            })
        })
        .collect();
    let mut completed = Vec::new();
    for task in tasks {
        completed.push(task.await.expect("worker"));
    }
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(completed.iter().sum::<usize>(), JOBS, "every job ran exactly once");
    let per_minute = JOBS as f64 / seconds * 60.0;
    println!(
        "{} worker(s): {JOBS} jobs in {seconds:.2} s = {per_minute:.0} jobs/min (per worker: {completed:?})",
        workers.len()
    );
    per_minute
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!("cores available: {}", std::thread::available_parallelism().map_or(0, usize::from));
    let one = tempfile::tempdir().expect("temp dir");
    let single = [worker_state(one.path()).await];
    run(&single).await; // warm-up: caches, fonts, first renders
    let solo = run(&single).await;
    let two = tempfile::tempdir().expect("temp dir");
    let pair = [worker_state(two.path()).await, worker_state(two.path()).await];
    run(&pair).await;
    let both = run(&pair).await;
    println!("speed-up with two workers: {:.2}×", both / solo);
}
