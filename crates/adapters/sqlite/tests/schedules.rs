//! `SqliteAlertStore` against the `ScheduleStore` contract, and what only a file can show:
//! schedules survive reopening the file (a restart), and two stores on one file (two worker
//! processes) claim each tick exactly once.

use std::sync::Arc;

use adapter_sqlite::SqliteAlertStore;
use ports::ScheduleStore;
use testkit::contracts::schedules::{race, run, schedule};

#[tokio::test]
async fn contract_holds_on_a_fresh_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = SqliteAlertStore::open(&dir.path().join("state.db")).await.expect("open");
    run(&store).await;
}

#[tokio::test]
async fn schedules_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let kept = schedule("alice", 0);
    {
        let store = SqliteAlertStore::open(&path).await.expect("open");
        store.insert(&kept).await.expect("insert");
        store.close().await;
    }
    let reopened = SqliteAlertStore::open(&path).await.expect("reopen");
    assert_eq!(ScheduleStore::get(&reopened, kept.id).await.expect("get"), Some(kept));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_stores_on_one_file_claim_each_tick_once() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let a = SqliteAlertStore::open(&path).await.expect("open");
    let b = SqliteAlertStore::open(&path).await.expect("open a second time");
    race(Arc::new(a), Arc::new(b)).await;
}
