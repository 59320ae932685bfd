//! `salesflow crm run` against the fake CRM (DEV settings), on a SQLite state file and a
//! filesystem snapshot store in a temporary directory: the summary, the exit codes, and the
//! run history the gateway would serve.

use std::path::Path;
use std::process::Command;

use adapter_sqlite::SqliteAlertStore;
use ports::{CrmRunStore, RunStatus, RunTrigger};

/// Runs `salesflow crm run <args>` with DEV settings rooted in `dir`, plus `env`.
fn crm_run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_salesflow"))
        .args(["crm", "run"])
        .args(args)
        .current_dir(dir)
        .env("APP_ENVIRONMENT", "dev")
        .env("APP__STATE__BACKEND", "sqlite")
        .env("APP__STATE__SQLITE_PATH", dir.join("state.db"))
        .env("APP__CRM__STORE", "filesystem")
        .env("APP__CRM__RESULTS_DIR", dir.join("results"))
        .env("APP__TELEMETRY__LOG_FILTER", "warn")
        .envs(env.iter().copied())
        .output()
        .expect("salesflow runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn history(dir: &Path) -> Vec<ports::RunRecord> {
    let store = SqliteAlertStore::open(&dir.join("state.db")).await.expect("the state file");
    store.list(50).await.expect("the run history")
}

#[tokio::test]
async fn a_dry_run_then_a_run_print_their_summaries_and_are_in_the_history() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (code, out, err) = crm_run(dir.path(), &["--dry-run"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Succeeded, dry run"), "{out}");
    assert!(out.contains("Extracted: 100 leads, 60 opportunities, 25 accounts, 40 cases"), "{out}");
    assert!(out.contains("Writeback (dry run: what would be written):"), "{out}");
    assert!(out.contains("lead scores              100 written, 0 errors"), "{out}");
    assert!(out.contains("=== Salesforce Analytics Daily Summary ==="), "{out}");
    let snapshots = out.lines().filter(|l| l.trim_start().starts_with("analytics/")).count();
    assert_eq!(snapshots, 3, "{out}");
    let day = walk(&dir.path().join("results/analytics/lead_scoring"));
    assert_eq!(day.len(), 1, "one lead snapshot on disk: {day:?}");

    let (code, json, err) = crm_run(dir.path(), &["--json"], &[]);
    assert_eq!(code, 0, "{err}");
    let record: serde_json::Value = serde_json::from_str(&json).expect("the run record as JSON");
    assert_eq!(record["trigger"], "cli");
    assert_eq!(record["dry_run"], false);
    assert_eq!(record["writeback"]["churn_risk"]["written"], 25);

    let runs = history(dir.path()).await;
    assert_eq!(runs.len(), 2);
    assert!(runs.iter().all(|r| r.trigger == RunTrigger::Cli && r.status == RunStatus::Succeeded));
    assert_eq!(runs[0].id.to_string(), record["id"].as_str().expect("an id"), "newest first");
    assert!(runs[1].dry_run && !runs[0].dry_run);
}

#[tokio::test]
async fn a_failed_run_exits_non_zero_and_is_recorded_as_failed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (code, out, err) = crm_run(dir.path(), &[], &[("APP__CRM__SOURCE", "none")]);
    assert_eq!(code, 1, "stdout {out} stderr {err}");
    assert!(err.contains("CRM run failed") && err.contains("crm.source: none"), "{err}");
    let runs = history(dir.path()).await;
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].trigger, runs[0].status), (RunTrigger::Cli, RunStatus::Failed));
    assert!(runs[0].error.as_deref().is_some_and(|e| e.contains("no CRM is configured")), "{:?}", runs[0].error);
}

#[test]
fn bad_settings_exit_with_two() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (code, _, err) = crm_run(dir.path(), &[], &[("APP__CRM__SOURCE", "carrier-pigeon")]);
    assert_eq!(code, 2, "{err}");
}

/// Every file under `dir`, recursively.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
