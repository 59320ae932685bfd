//! `PostgresAlertStore` against the `ReportJobStore` contract, and what only a shared database
//! can show: a queued job survives reconnecting (a restart), and two pools on one schema (two
//! machines) never claim the same job.

use std::collections::HashSet;

use adapter_postgres::PostgresAlertStore;
use chrono::{Duration, Utc};
use ports::{JobStatus, ReportJobStore};
use testkit::contracts::report_jobs::{job, run};

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
async fn queued_jobs_survive_a_restart() {
    in_fresh_schema(|schema| async move {
        let queued = job("alice", 0);
        let first = connect(&schema).await;
        first.insert(&queued).await.expect("insert");
        first.close().await;
        let reopened = connect(&schema).await;
        let claimed = reopened.claim(Utc::now(), Utc::now() + Duration::minutes(5)).await.expect("claim");
        assert_eq!(claimed.map(|j| (j.id, j.status, j.roles)), Some((queued.id, JobStatus::Generating, queued.roles)));
        reopened.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_machines_never_claim_the_same_job() {
    in_fresh_schema(|schema| async move {
        let (a, b) = (connect(&schema).await, connect(&schema).await);
        for minute in 0..40 {
            a.insert(&job("bob", minute)).await.expect("insert");
        }
        let now = Utc::now();
        let worker = |store: PostgresAlertStore| {
            tokio::spawn(async move {
                let mut ids = Vec::new();
                while let Some(job) = store.claim(now, now + Duration::minutes(5)).await.expect("claim") {
                    ids.push(job.id);
                }
                ids
            })
        };
        let (left, right) = (worker(a.clone()), worker(b.clone()));
        let (left, right) = (left.await.expect("worker a"), right.await.expect("worker b"));
        let distinct: HashSet<_> = left.iter().chain(&right).collect();
        assert_eq!((left.len() + right.len(), distinct.len()), (40, 40), "each job claimed exactly once");
        a.close().await;
        b.close().await;
    })
    .await;
}
