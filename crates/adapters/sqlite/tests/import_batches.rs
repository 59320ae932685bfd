//! `SqliteAlertStore` against the `ImportBatchStore` contract, and what only a file can show: a
//! batch and its commit progress survive reopening the file (a gateway restart).

use adapter_sqlite::SqliteAlertStore;
use ports::{CommitStatus, ImportBatchStore};
use testkit::contracts::import_batches::{batch, run};

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
async fn batches_and_their_progress_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let stored = batch(0);
    let progress = ports::CommitProgress {
        mode: ports::CommitMode::ValidRowsOnly,
        status: CommitStatus::Running,
        chunk_size: 1,
        chunks_total: 2,
        chunks_done: 1,
        committed_rows: 1,
        started_at: stored.created_at,
        lease_until: Some(stored.expires_at),
        finished_at: None,
        last_error: None,
    };
    {
        let store = SqliteAlertStore::open(&path).await.expect("open");
        store.create(&stored).await.expect("create");
        store.save_commit(stored.id, 0, &progress).await.expect("save");
        store.close().await;
    }
    let reopened = SqliteAlertStore::open(&path).await.expect("reopen");
    let read = reopened.get(stored.id).await.expect("the batch is still there");
    assert_eq!(read.report, stored.report);
    assert_eq!((read.commit, read.version), (Some(progress), 1));
}
