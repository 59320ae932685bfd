//! `PostgresAlertStore` against the local PostgreSQL (`127.0.0.1:5432`, database `test`): the
//! `AlertStore` contract, claims from two pools (two machines), connection failures, schema
//! validation and isolation, and the health probe. Each test runs in its own fresh schema,
//! dropped afterwards even when the test fails.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use adapter_postgres::{PostgresAlertStore, StateError};
use domain::{Severity, Uuid};
use ports::{AlertStore, AlertStoreError, HealthProbe};
use sqlx::AssertSqlSafe;
use testkit::contracts::alert_store::{alert, run};

mod common;

use common::{URL, connect, in_fresh_schema, raw};

/// A port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    listener.local_addr().expect("its address").port()
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_on_one_schema_never_claim_the_same_delivery() {
    in_fresh_schema(|schema| async move {
        let (one, two) = (connect(&schema).await, connect(&schema).await);
        let tag = Uuid::now_v7().simple().to_string();
        for i in 0..25 {
            let a = alert(&format!("{tag}{i}"), "HIGH_SPIKE", Severity::High, None, 0);
            one.record(&a, &["log".to_owned(), "smtp".to_owned()]).await.expect("record");
        }
        let now = alert(&tag, "HIGH_SPIKE", Severity::High, None, 0).created_at;
        let lease = now + chrono::Duration::hours(1);
        let mut claimed = Vec::new();
        loop {
            let (a, b) = tokio::join!(one.claim_due(now, lease, 7), two.claim_due(now, lease, 7));
            let (a, b) = (a.expect("claim from one"), b.expect("claim from two"));
            assert!(a.len() <= 7 && b.len() <= 7, "a claim respects its limit");
            if a.is_empty() && b.is_empty() {
                break;
            }
            claimed.extend(a.into_iter().chain(b).map(|d| d.id));
        }
        let unique: HashSet<_> = claimed.iter().collect();
        assert_eq!(unique.len(), claimed.len(), "a delivery was claimed twice");
        assert_eq!(claimed.len(), 50, "every delivery was claimed");
    })
    .await;
}

#[tokio::test]
async fn connecting_to_a_closed_port_fails_within_seconds() {
    let url = format!("postgres://postgres@127.0.0.1:{}/test", closed_port());
    let started = Instant::now();
    let err = PostgresAlertStore::connect(&url, "salesflow", 2).await.expect_err("nothing listens there");
    assert!(started.elapsed() < Duration::from_secs(10), "gave up after {:?}", started.elapsed());
    assert!(matches!(err, StateError::Connect { .. }), "{err:?}");
    assert_eq!(err.to_string(), "cannot connect to PostgreSQL within 5 s");
}

#[tokio::test]
async fn an_invalid_schema_name_is_refused_before_any_sql_runs() {
    // Against a closed port, any I/O would take seconds and fail with `Connect`.
    let closed = format!("postgres://postgres@127.0.0.1:{}/test", closed_port());
    let started = Instant::now();
    let err = PostgresAlertStore::connect(&closed, "x; DROP SCHEMA public", 2).await.expect_err("refused");
    assert!(matches!(err, StateError::InvalidSchema(ref name) if name == "x; DROP SCHEMA public"), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(1), "validation must not wait for the network");

    // Against the real database, a refused name leaves no schema behind.
    for bad in ["Bad_Schema", "pg_salesflow"] {
        let err = PostgresAlertStore::connect(URL, bad, 2).await.expect_err("refused");
        assert!(matches!(err, StateError::InvalidSchema(_)), "{err:?}");
    }
    let created: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_namespace WHERE nspname IN ('Bad_Schema', 'bad_schema', 'pg_salesflow')",
    )
    .fetch_one(&mut raw().await)
    .await
    .expect("count schemas");
    assert_eq!(created, 0);
}

#[tokio::test]
async fn schemas_are_isolated() {
    in_fresh_schema(|first| async move {
        in_fresh_schema(move |second| async move {
            let (a, b) = (connect(&first).await, connect(&second).await);
            let stored = alert(&Uuid::now_v7().simple().to_string(), "HIGH_SPIKE", Severity::High, None, 0);
            a.record(&stored, &["log".to_owned()]).await.expect("record");
            assert_eq!(a.get(stored.id).await.expect("get where recorded"), stored);
            assert!(matches!(b.get(stored.id).await, Err(AlertStoreError::NotFound(_))), "another schema sees it");
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1 \
                 AND table_name IN ('alerts', 'alert_deliveries', '_sqlx_migrations')",
            )
            .bind(&first)
            .fetch_one(&mut raw().await)
            .await
            .expect("count tables");
            assert_eq!(tables, 3, "the tables and the migration history live in the store's schema");
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_corrupt_row_is_reported_not_a_panic() {
    in_fresh_schema(|schema| async move {
        let store = connect(&schema).await;
        let a = alert(&Uuid::now_v7().simple().to_string(), "HIGH_SPIKE", Severity::High, None, 0);
        store.record(&a, &[]).await.expect("record");
        let corrupt = AssertSqlSafe(format!("UPDATE \"{schema}\".alerts SET severity = 'BOGUS'"));
        sqlx::raw_sql(corrupt).execute(&mut raw().await).await.expect("corrupt the row");
        match store.get(a.id).await {
            Err(AlertStoreError::Unavailable(reason)) => assert!(reason.contains("corrupt row"), "{reason}"),
            other => panic!("expected a corrupt-row error, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn health_probe_answers_until_closed() {
    in_fresh_schema(|schema| async move {
        let store = connect(&schema).await;
        store.check().await.expect("a connected store answers");
        store.close().await;
        assert!(store.check().await.is_err(), "a closed store does not answer");
        assert!(matches!(store.get(Uuid::now_v7()).await, Err(AlertStoreError::Unavailable(_))));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn several_machines_starting_at_once_on_a_new_schema_all_connect() {
    in_fresh_schema(|schema| async move {
        let (a, b, c) = tokio::join!(
            PostgresAlertStore::connect(URL, &schema, 2),
            PostgresAlertStore::connect(URL, &schema, 2),
            PostgresAlertStore::connect(URL, &schema, 2),
        );
        for store in [a, b, c] {
            store.expect("a concurrent start-up connects").check().await.expect("and answers");
        }
    })
    .await;
}
