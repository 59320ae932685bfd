//! `SqliteAlertStore` against the `AlertStore` contract, plus what only a file can show:
//! persistence across reopening, directory creation, and two stores (processes) on one file.

use std::collections::HashSet;
use std::path::Path;

use adapter_sqlite::SqliteAlertStore;
use chrono::Duration;
use domain::{Severity, Uuid};
use ports::{AlertStore, AlertStoreError, HealthProbe, Recorded};
use sqlx::Connection;
use testkit::contracts::alert_store::{alert, run};

fn tag() -> String {
    Uuid::now_v7().simple().to_string()
}

async fn open(path: &Path) -> SqliteAlertStore {
    SqliteAlertStore::open(path).await.expect("the store opens")
}

#[tokio::test]
async fn contract_holds_on_a_fresh_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = open(&dir.path().join("state.db")).await;
    run(&store).await;
}

#[tokio::test]
async fn contract_holds_in_memory() {
    let store = SqliteAlertStore::in_memory().await.expect("an in-memory store");
    run(&store).await;
}

#[tokio::test]
async fn data_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let a = alert(&tag(), "HIGH_SPIKE", Severity::High, Some(7), 0);
    let store = open(&path).await;
    assert_eq!(store.record(&a, &["log".to_owned()]).await.expect("record"), Recorded::New(a.clone()));
    drop(store);

    let reopened = open(&path).await;
    assert_eq!(reopened.get(a.id).await.expect("get after reopening"), a);
    let claimed = reopened.claim_due(a.created_at, a.created_at + Duration::seconds(30), 10).await.expect("claim");
    let got: Vec<_> = claimed.iter().map(|d| (d.alert.id, d.channel.as_str(), d.attempts)).collect();
    assert_eq!(got, [(a.id, "log", 0)], "the pending delivery is still queued");
}

#[tokio::test]
async fn opening_a_path_in_a_missing_directory_creates_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("not").join("yet").join("state.db");
    assert!(!path.parent().expect("a parent").exists());
    let store = open(&path).await;
    assert!(path.is_file(), "the database file exists");
    store.check().await.expect("the new database answers");
}

#[tokio::test]
async fn the_file_is_in_wal_mode() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let _store = open(&path).await;
    let mut raw =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.expect("a raw connection");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut raw).await.expect("journal mode");
    assert_eq!(mode, "wal", "readers must not block the writer");
}

#[tokio::test]
async fn opening_a_path_under_a_file_fails_with_the_directory_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"not a directory").expect("write a plain file");
    let err = SqliteAlertStore::open(&file.join("state.db")).await.expect_err("cannot create a directory in a file");
    assert!(matches!(err, adapter_sqlite::StateError::CreateDir { .. }), "{err:?}");
}

#[tokio::test]
async fn two_stores_on_one_file_never_claim_the_same_delivery() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let (one, two) = (open(&path).await, open(&path).await);
    let tag = tag();
    for i in 0..25 {
        let a = alert(&format!("{tag}{i}"), "HIGH_SPIKE", Severity::High, None, 0);
        one.record(&a, &["log".to_owned(), "smtp".to_owned()]).await.expect("record");
    }
    let now = alert(&tag, "HIGH_SPIKE", Severity::High, None, 0).created_at;
    let lease = now + Duration::hours(1);
    let mut claimed = Vec::new();
    loop {
        let (a, b) = tokio::join!(one.claim_due(now, lease, 7), two.claim_due(now, lease, 7));
        let (a, b) = (a.expect("claim from one"), b.expect("claim from two"));
        if a.is_empty() && b.is_empty() {
            break;
        }
        claimed.extend(a.into_iter().chain(b).map(|d| d.id));
    }
    let unique: HashSet<_> = claimed.iter().collect();
    assert_eq!(unique.len(), claimed.len(), "a delivery was claimed twice");
    assert_eq!(claimed.len(), 50, "every delivery was claimed");
    assert!(claimed.iter().all(|id| id.get_version_num() == 4), "delivery ids are random UUIDs");
}

#[tokio::test]
async fn several_processes_opening_a_new_file_at_once_all_succeed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let (a, b, c) =
        tokio::join!(SqliteAlertStore::open(&path), SqliteAlertStore::open(&path), SqliteAlertStore::open(&path));
    for store in [a, b, c] {
        store.expect("a concurrent start-up opens").check().await.expect("and answers");
    }
}

#[tokio::test]
async fn a_corrupt_row_is_reported_not_a_panic() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let store = open(&path).await;
    let a = alert(&tag(), "HIGH_SPIKE", Severity::High, None, 0);
    store.record(&a, &[]).await.expect("record");
    let mut raw =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.expect("a raw connection");
    sqlx::query("UPDATE alerts SET severity = 'BOGUS'").execute(&mut raw).await.expect("corrupt the row");
    match store.get(a.id).await {
        Err(AlertStoreError::Unavailable(reason)) => assert!(reason.contains("corrupt row"), "{reason}"),
        other => panic!("expected a corrupt-row error, got {other:?}"),
    }
}

#[tokio::test]
async fn health_probe_answers_until_closed() {
    let store = SqliteAlertStore::in_memory().await.expect("an in-memory store");
    store.check().await.expect("an open store answers");
    store.close().await;
    assert!(store.check().await.is_err(), "a closed store does not answer");
    assert!(matches!(store.get(Uuid::now_v7()).await, Err(AlertStoreError::Unavailable(_))));
}
