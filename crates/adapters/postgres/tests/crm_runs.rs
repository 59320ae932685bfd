//! `PostgresAlertStore` against the `CrmRunStore` contract on the local PostgreSQL
//! (`127.0.0.1:5432`, database `test`), each test in its own fresh schema (dropped afterwards),
//! plus what only a shared database shows: a run saved by one process is listed by another, and
//! schemas do not see each other's runs.

mod common;

use common::{connect, in_fresh_schema};
use ports::{CrmRunStore, RunStoreError, RunTrigger};
use testkit::contracts::crm_runs::{run, run_record};

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
async fn a_run_saved_by_one_process_is_listed_by_another_and_not_by_another_schema() {
    in_fresh_schema(|first| async move {
        in_fresh_schema(move |second| async move {
            let saved = run_record(0, RunTrigger::Cli);
            {
                let cli = connect(&first).await;
                cli.save(&saved, 50).await.expect("save");
                cli.close().await;
            }
            let gateway = connect(&first).await;
            assert_eq!(gateway.list(50).await.expect("list"), std::slice::from_ref(&saved));
            let other = connect(&second).await;
            assert!(other.list(50).await.expect("list").is_empty());
            assert!(matches!(other.get(saved.id).await, Err(RunStoreError::NotFound(_))));
        })
        .await;
    })
    .await;
}
