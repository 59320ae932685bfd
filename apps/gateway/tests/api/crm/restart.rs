//! A restart on the SQLite state and the filesystem snapshot store: the run history and the
//! latest snapshots are both still served.

use std::path::Path;

use serde_json::json;
use testkit::TestApp;

use super::{default_crm, get_json, run};

async fn durable_app(dir: &Path) -> TestApp {
    let (state, results) = (dir.join("state.db"), dir.join("results"));
    let crm = default_crm();
    TestApp::builder()
        .with_settings(move |s| {
            s.crm.run_on_startup = false;
            s.state.backend = bootstrap::settings::StateBackend::Sqlite;
            s.state.sqlite_path = state;
            s.crm.store = bootstrap::settings::ResultStoreKind::Filesystem;
            s.crm.results_dir = results;
        })
        .with_adapters(move |a, _| {
            a.crm_source = crm.clone();
            a.crm_writeback = crm;
        })
        .spawn()
        .await
}

#[tokio::test]
async fn the_run_history_survives_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (first, second, summary) = {
        let app = durable_app(dir.path()).await;
        let first = run(&app, json!({"dry_run": true})).await;
        let second = run(&app, json!({})).await;
        let summary = get_json(&app, "/api/v1/crm/dashboard/summary").await;
        (first, second, summary)
    };
    let app = durable_app(dir.path()).await;
    let runs = get_json(&app, "/api/v1/crm/runs").await;
    assert_eq!(runs["items"], json!([second, first]), "both runs, newest first, exactly as answered");
    assert_eq!(get_json(&app, "/api/v1/crm/dashboard/summary").await, summary, "the stored snapshot is served");
}
