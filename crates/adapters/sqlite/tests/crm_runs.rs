//! `SqliteAlertStore` against the `CrmRunStore` contract, and what only a file can show: the run
//! history survives reopening the file (a restart), and a corrupt row is an error, not a panic.

use adapter_sqlite::SqliteAlertStore;
use ports::{CrmRunStore, RunStoreError, RunTrigger};
use testkit::contracts::crm_runs::{run, run_record};

#[tokio::test]
async fn contract_holds_on_a_fresh_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = SqliteAlertStore::open(&dir.path().join("state.db")).await.expect("open");
    run(&store).await;
}

#[tokio::test]
async fn contract_holds_in_memory() {
    run(&SqliteAlertStore::in_memory().await.expect("open")).await;
}

#[tokio::test]
async fn runs_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let saved = run_record(5, RunTrigger::Cli);
    {
        let store = SqliteAlertStore::open(&path).await.expect("open");
        store.save(&saved, 50).await.expect("save");
        store.close().await;
    }
    let reopened = SqliteAlertStore::open(&path).await.expect("reopen");
    assert_eq!(reopened.list(50).await.expect("list"), [saved]);
}

#[tokio::test]
async fn a_corrupt_row_is_unavailable_not_a_panic() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let saved = run_record(5, RunTrigger::Api);
    let store = SqliteAlertStore::open(&path).await.expect("open");
    store.save(&saved, 50).await.expect("save");
    store.close().await;
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw connection");
    sqlx::query("UPDATE crm_runs SET record = '{\"id\": 1}'").execute(&mut conn).await.expect("corrupt it");
    let reopened = SqliteAlertStore::open(&path).await.expect("reopen");
    assert!(matches!(reopened.list(50).await, Err(RunStoreError::Unavailable(_))));
    assert!(matches!(reopened.get(saved.id).await, Err(RunStoreError::Unavailable(_))));
}
