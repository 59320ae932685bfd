//! Import batches in the state database (SQLite here; the same port on PostgreSQL is covered by
//! the adapter's contract tests): a batch and its commit progress survive a gateway restart, an
//! interrupted commit resumes on the new gateway without duplicates, a commit abandoned by a
//! gateway that died mid-chunk asks for confirmation instead of resending, and the periodic purge
//! (stepped, never waited for) deletes expired batches.

use std::path::Path;
use std::sync::Arc;

use adapter_memory::FixedClock;
use bootstrap::settings::StateBackend;
use chrono::TimeDelta;
use ports::{CommitMode, CommitProgress, CommitStatus};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::excel::{admin, bulk_ok, commit, java, upload};

/// A PROD-auth gateway on the Java mock, its state in `dir/state.db`, commits in chunks of 2.
async fn gateway(java: &MockServer, dir: &Path, clock: Arc<FixedClock>) -> TestApp {
    let (db, exports) = (dir.join("state.db"), dir.join("reports"));
    TestApp::builder()
        .prod_auth()
        .with_clock(clock)
        .with_env("APP__DATA__SOURCE", "java")
        .with_env("JAVA_API_URL", &format!("{}/api/v1", java.uri()))
        .with_env("APP__IMPORTS__COMMIT_CHUNK_SIZE", "2")
        .with_settings(move |s| {
            s.state.backend = StateBackend::Sqlite;
            s.state.sqlite_path = db;
            s.reports.export_dir = exports;
        })
        .spawn()
        .await
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::on(testkit::today()))
}

async fn batch(app: &TestApp, id: &str) -> reqwest::Response {
    app.get_with(&format!("/api/v1/excel/uploads/{id}"), &admin()).send().await.expect("get batch")
}

fn bulk_calls(requests: &[wiremock::Request]) -> usize {
    requests.iter().filter(|r| r.url.path() == "/api/v1/sales/bulk").count()
}

#[tokio::test]
async fn a_batch_and_its_interrupted_commit_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let java = java().await;
    let refusal = json!({"status": 400, "code": "INSUFFICIENT_STOCK", "message": "Not enough stock", "timestamp": "2025-03-05 10:00:00", "details": null});
    Mock::given(method("POST"))
        .and(path("/api/v1/sales/bulk"))
        .respond_with(bulk_ok())
        .up_to_n_times(1)
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/sales/bulk"))
        .respond_with(ResponseTemplate::new(400).set_body_json(refusal))
        .up_to_n_times(1)
        .mount(&java)
        .await;
    let first = gateway(&java, dir.path(), clock()).await;
    assert!(first.adapters.summary.import_batches.starts_with("sqlite"), "{:?}", first.adapters.summary);
    let uploaded: Value = upload(&first, "good.csv", &[]).await.json().await.expect("json");
    let id = uploaded["batch_id"].as_str().expect("batch id").to_owned();
    let res = commit(&first, &id, "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "chunk 2 refused");
    drop(first);

    // A new gateway process on the same state file.
    let second = gateway(&java, dir.path(), clock()).await;
    let res = batch(&second, &id).await;
    assert_eq!(res.status(), StatusCode::OK);
    let read: Value = res.json().await.expect("json");
    assert_eq!(read["counts"], uploaded["counts"], "the batch came back whole");
    assert_eq!(read["preview"], uploaded["preview"]);
    assert_eq!(
        (read["commit"]["status"].clone(), read["commit"]["chunks_done"].clone()),
        (json!("interrupted"), json!(1)),
        "{read}"
    );
    Mock::given(method("POST")).and(path("/api/v1/sales/bulk")).respond_with(bulk_ok()).expect(1).mount(&java).await;
    let resumed: Value = commit(&second, &id, "all_or_nothing").await.json().await.expect("json");
    assert_eq!((resumed["committed"].clone(), resumed["total_committed"].clone()), (json!(2), json!(4)), "{resumed}");
    assert_eq!(bulk_calls(&java.received_requests().await.expect("requests")), 3, "chunk 1 once, chunk 2 twice");
    let again: Value = commit(&second, &id, "all_or_nothing").await.json().await.expect("json");
    assert_eq!(again["already_committed"], true, "committed once, on whichever gateway");
}

#[tokio::test]
async fn a_commit_abandoned_mid_chunk_asks_before_resending() {
    let dir = tempfile::tempdir().expect("temp dir");
    let java = java().await;
    let clock = clock();
    let first = gateway(&java, dir.path(), clock.clone()).await;
    let id = upload(&first, "good.csv", &[]).await.json::<Value>().await.expect("json")["batch_id"]
        .as_str()
        .expect("batch id")
        .to_owned();
    // What a gateway killed while sending chunk 2 leaves behind: chunk 1 saved, still running.
    let store = first.adapters.import_batches.clone();
    let uuid = id.parse().expect("uuid");
    let stored = store.get(uuid).await.expect("stored batch");
    let running = CommitProgress {
        mode: CommitMode::AllOrNothing,
        status: CommitStatus::Running,
        chunk_size: 2,
        chunks_total: 2,
        chunks_done: 1,
        committed_rows: 2,
        started_at: stored.created_at,
        lease_until: Some(stored.created_at + TimeDelta::minutes(5)),
        finished_at: None,
        last_error: None,
    };
    store.save_commit(uuid, stored.version, &running).await.expect("save");
    drop(first);

    let second = gateway(&java, dir.path(), clock.clone()).await;
    let res = commit(&second, &id, "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "its lease still runs: it may be alive");
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "commit_in_progress");
    clock.advance(TimeDelta::minutes(6));
    let res = commit(&second, &id, "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "commit_outcome_unknown", "{body}");
    assert_eq!(
        (body["details"]["failure"]["code"].clone(), body["details"]["failure"]["chunk"].clone()),
        (json!("INTERRUPTED"), json!(1))
    );
    assert_eq!(bulk_calls(&java.received_requests().await.expect("requests")), 0, "nothing resent on a guess");
    Mock::given(method("POST")).and(path("/api/v1/sales/bulk")).respond_with(bulk_ok()).expect(1).mount(&java).await;
    let res = second
        .post_json(
            &format!("/api/v1/excel/uploads/{id}/commit"),
            &admin(),
            &json!({"mode": "all_or_nothing", "confirm": "not_recorded"}),
        )
        .send()
        .await
        .expect("commit");
    let body: Value = res.json().await.expect("json");
    assert_eq!((body["committed"].clone(), body["total_committed"].clone()), (json!(2), json!(4)), "{body}");
}

#[tokio::test]
async fn the_periodic_purge_deletes_expired_batches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let java = java().await;
    let clock = clock();
    let app = gateway(&java, dir.path(), clock.clone()).await;
    let id = upload(&app, "good.csv", &[]).await.json::<Value>().await.expect("json")["batch_id"]
        .as_str()
        .expect("batch id")
        .to_owned();
    assert_eq!(app.purge_import_batches().await, 0, "a fresh batch stays");
    clock.advance(TimeDelta::hours(23));
    let later = upload(&app, "good.csv", &[]).await.json::<Value>().await.expect("json")["batch_id"]
        .as_str()
        .expect("batch id")
        .to_owned();
    clock.advance(TimeDelta::hours(1));
    assert_eq!(batch(&app, &id).await.status(), StatusCode::GONE, "expired after imports.batch_ttl_secs (24 h)");
    assert_eq!(app.purge_import_batches().await, 1, "only the expired one");
    assert_eq!(batch(&app, &id).await.status(), StatusCode::NOT_FOUND, "purged from the state database");
    assert_eq!(batch(&app, &later).await.status(), StatusCode::OK);
    assert_eq!(app.purge_import_batches().await, 0);
}
