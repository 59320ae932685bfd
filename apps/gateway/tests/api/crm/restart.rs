//! A restart on the SQLite state and the filesystem snapshot store: the run history and the
//! latest snapshots are both still served, by a gateway with no CRM at all, which shows the reads
//! serve the stored snapshot and never recompute from the source.

use std::path::Path;

use serde_json::json;
use testkit::TestApp;

use super::{default_crm, get_json, run};

/// A gateway on durable state in `dir`, over the fake CRM, or over none (`crm.source: none`:
/// every CRM call fails).
async fn durable_app(dir: &Path, with_crm: bool) -> TestApp {
    let (state, results) = (dir.join("state.db"), dir.join("results"));
    let crm = default_crm();
    TestApp::builder()
        .with_settings(move |s| {
            s.crm.run_on_startup = false;
            if !with_crm {
                s.crm.source = bootstrap::settings::CrmSourceKind::None;
            }
            s.state.backend = bootstrap::settings::StateBackend::Sqlite;
            s.state.sqlite_path = state;
            s.crm.store = bootstrap::settings::ResultStoreKind::Filesystem;
            s.crm.results_dir = results;
        })
        .with_adapters(move |a, _| {
            if with_crm {
                a.crm_source = crm.clone();
                a.crm_writeback = crm;
            }
        })
        .spawn()
        .await
}

const READS: [&str; 6] = [
    "/api/v1/crm/dashboard/summary",
    "/api/v1/crm/leads/scores?limit=20",
    "/api/v1/crm/leads/distribution",
    "/api/v1/crm/pipeline/health",
    "/api/v1/crm/churn/risk",
    "/api/v1/crm/churn/accounts?level=High",
];

#[tokio::test]
async fn the_run_history_and_the_snapshots_survive_a_restart_without_a_crm() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (first, second, before) = {
        let app = durable_app(dir.path(), true).await;
        let first = run(&app, json!({"dry_run": true})).await;
        let second = run(&app, json!({})).await;
        let mut before = Vec::new();
        for path in READS {
            before.push(get_json(&app, path).await);
        }
        (first, second, before)
    };
    let app = durable_app(dir.path(), false).await;
    let runs = get_json(&app, "/api/v1/crm/runs").await;
    assert_eq!(runs["items"], json!([second, first]), "both runs, newest first, exactly as answered");
    for (path, answer) in READS.into_iter().zip(before) {
        assert_eq!(get_json(&app, path).await, answer, "{path}: the stored snapshot, unchanged");
    }
    // The CRM is really gone: a run now fails, and is recorded as failed.
    let res = app.client.post(app.url("/api/v1/crm/runs")).json(&json!({})).send().await.expect("sent");
    assert_eq!(res.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE);
    let runs = get_json(&app, "/api/v1/crm/runs").await;
    assert_eq!(runs["items"][0]["status"], "failed");
    assert_eq!(runs["items"].as_array().map(Vec::len), Some(3));
}
