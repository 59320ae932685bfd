//! `SqliteAlertStore` against the `ReportJobStore` contract, and what only a file can show: a
//! queued job survives reopening the file (a gateway restart), and two stores on one file (two
//! worker processes) never claim the same job.

use std::collections::HashSet;

use adapter_sqlite::SqliteAlertStore;
use chrono::{Duration, Utc};
use ports::{JobStatus, ReportJobStore};
use testkit::contracts::report_jobs::{job, run};

#[tokio::test]
async fn contract_holds_on_a_fresh_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = SqliteAlertStore::open(&dir.path().join("state.db")).await.expect("open");
    run(&store).await;
}

#[tokio::test]
async fn queued_jobs_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let queued = job("alice", 0);
    {
        let store = SqliteAlertStore::open(&path).await.expect("open");
        store.insert(&queued).await.expect("insert");
    }
    let reopened = SqliteAlertStore::open(&path).await.expect("reopen");
    let claimed = reopened.claim(Utc::now(), Utc::now() + Duration::minutes(5)).await.expect("claim");
    assert_eq!(claimed.map(|j| (j.id, j.status)), Some((queued.id, JobStatus::Generating)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_never_claim_the_same_job() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("state.db");
    let a = SqliteAlertStore::open(&path).await.expect("open");
    let b = SqliteAlertStore::open(&path).await.expect("open a second time");
    for minute in 0..20 {
        a.insert(&job("bob", minute)).await.expect("insert");
    }
    let now = Utc::now();
    let worker = |store: SqliteAlertStore| {
        tokio::spawn(async move {
            let mut ids = Vec::new();
            while let Some(job) = store.claim(now, now + Duration::minutes(5)).await.expect("claim") {
                ids.push(job.id);
            }
            ids
        })
    };
    let (left, right) = (worker(a), worker(b));
    let (left, right) = (left.await.expect("worker a"), right.await.expect("worker b"));
    let distinct: HashSet<_> = left.iter().chain(&right).collect();
    assert_eq!((left.len() + right.len(), distinct.len()), (20, 20), "each job claimed exactly once");
}
