//! `PostgresAlertStore` against the `CrmRunStore` contract on the local PostgreSQL
//! (`127.0.0.1:5432`, database `test`), each test in its own fresh schema (dropped afterwards),
//! plus what only a shared database shows: a run saved by one process is listed by another, and
//! schemas do not see each other's runs.

use adapter_postgres::PostgresAlertStore;
use domain::Uuid;
use ports::{CrmRunStore, RunStoreError, RunTrigger};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use testkit::contracts::crm_runs::{run, run_record};

const URL: &str = "postgres://postgres@127.0.0.1:5432/test";

async fn connect(schema: &str) -> PostgresAlertStore {
    PostgresAlertStore::connect(URL, schema, 2).await.expect("the local PostgreSQL accepts the store")
}

/// Runs `test` with a fresh schema name, then drops that schema (best effort) whatever happened.
async fn in_fresh_schema<F, Fut>(test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let schema = format!("t_{}", Uuid::now_v7().simple());
    let outcome = tokio::spawn(test(schema.clone())).await;
    let drop_schema = AssertSqlSafe(format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    if let Ok(mut conn) = PgConnection::connect(URL).await {
        sqlx::raw_sql(drop_schema).execute(&mut conn).await.ok();
    }
    if let Err(failure) = outcome {
        match failure.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(failure) => panic!("the test task did not finish: {failure}"),
        }
    }
}

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
