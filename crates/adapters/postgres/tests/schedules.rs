//! `PostgresAlertStore` against the `ScheduleStore` contract on the local PostgreSQL
//! (`127.0.0.1:5432`, database `test`), and two pools on one schema (two machines) claiming each
//! tick exactly once. Each test runs in its own fresh schema, dropped afterwards.

use std::sync::Arc;

use ports::ScheduleStore;
use testkit::contracts::schedules::{race, run, schedule};

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
async fn schedules_survive_reconnecting() {
    in_fresh_schema(|schema| async move {
        let kept = schedule("alice", 0);
        let store = connect(&schema).await;
        store.insert(&kept).await.expect("insert");
        store.close().await;
        let again = connect(&schema).await;
        assert_eq!(ScheduleStore::get(&again, kept.id).await.expect("get"), Some(kept));
        again.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_on_one_schema_claim_each_tick_once() {
    in_fresh_schema(|schema| async move {
        let (a, b) = (connect(&schema).await, connect(&schema).await);
        race(Arc::new(a.clone()), Arc::new(b.clone())).await;
        a.close().await;
        b.close().await;
    })
    .await;
}
