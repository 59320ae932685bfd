//! `PostgresAlertStore` against the `ImportBatchStore` contract on the local PostgreSQL
//! (`127.0.0.1:5432`, database `test`), each test in its own fresh schema (dropped afterwards),
//! and what only a shared database can show: a batch written through one pool (a gateway that
//! stopped) is read and resumed through another, and a stale writer is refused.

use ports::{BatchStoreError, CommitMode, CommitProgress, CommitStatus, ImportBatchStore};
use testkit::contracts::import_batches::{batch, run};

mod common;

use common::{connect, in_fresh_schema};

#[tokio::test]
async fn contract_holds_in_a_fresh_schema() {
    in_fresh_schema(|schema| async move {
        let store = connect(&schema).await;
        run(&store).await;
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn a_batch_outlives_its_gateway_and_a_stale_writer_is_refused() {
    in_fresh_schema(|schema| async move {
        let stored = batch(0);
        let progress = |chunks_done| CommitProgress {
            mode: CommitMode::AllOrNothing,
            status: CommitStatus::Running,
            chunk_size: 1,
            chunks_total: 2,
            chunks_done,
            committed_rows: chunks_done,
            started_at: stored.created_at,
            lease_until: Some(stored.expires_at),
            finished_at: None,
            last_error: None,
        };
        let first = connect(&schema).await;
        first.create(&stored).await.expect("create");
        first.save_commit(stored.id, 0, &progress(1)).await.expect("save");
        first.close().await;

        let second = connect(&schema).await;
        let read = second.get(stored.id).await.expect("the batch is still there");
        assert_eq!((read.report, read.commit, read.version), (stored.report.clone(), Some(progress(1)), 1));
        let other = connect(&schema).await;
        assert_eq!(other.save_commit(stored.id, 1, &progress(2)).await.expect("resume"), 2);
        let stale = second.save_commit(stored.id, 1, &progress(2)).await;
        assert!(matches!(stale, Err(BatchStoreError::Conflict(_))), "{stale:?}");
        second.close().await;
        other.close().await;
    })
    .await;
}
