//! The `AlertStore` contract. Each run uses fresh ids and dedup keys, so it can share a backend
//! with other runs.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::alert::{Alert, AlertSource, AlertStatus, dedup_key};
use domain::{ProductId, Severity, Uuid};
use ports::{AlertFilter, AlertStore, AlertStoreError, Recorded};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).single().expect("valid instant") + Duration::minutes(minutes)
}

/// An alert whose dedup key includes `tag`, created `minutes` after 08:00 on 2026-11-23.
#[must_use]
pub fn alert(tag: &str, kind: &str, severity: Severity, product: Option<u64>, minutes: i64) -> Alert {
    let date = NaiveDate::from_ymd_opt(2026, 11, 20);
    let product_id = product.map(ProductId::new);
    Alert {
        id: Uuid::now_v7(),
        dedup_key: dedup_key(AlertSource::Anomaly, &format!("T{tag}"), product_id, date, kind),
        source: AlertSource::Anomaly,
        kind: kind.to_owned(),
        severity,
        scope: format!("T{tag}"),
        product_id,
        date,
        title: format!("{kind} on 2026-11-20"),
        message: "Units sold 212 against about 60 expected.".to_owned(),
        created_at: at(minutes),
        status: AlertStatus::Open,
        acknowledged_at: None,
        acknowledged_by: None,
    }
}

fn channels() -> Vec<String> {
    vec!["log".to_owned(), "smtp".to_owned()]
}

/// Runs every check against `store`.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn AlertStore) {
    dedup_and_queue(store).await;
    listing(store).await;
    acknowledgement(store).await;
    deliveries(store).await;
    concurrent_claims(store).await;
}

async fn dedup_and_queue(store: &dyn AlertStore) {
    let tag = Uuid::now_v7().simple().to_string();
    let first = alert(&tag, "HIGH_SPIKE", Severity::High, Some(7), 0);
    assert_eq!(store.record(&first, &channels()).await.expect("record"), Recorded::New(first.clone()));
    let mut again = alert(&tag, "HIGH_SPIKE", Severity::High, Some(7), 5);
    again.message = "found again on the next run".to_owned();
    match store.record(&again, &channels()).await.expect("record duplicate") {
        Recorded::Duplicate(existing) => assert_eq!(existing, first, "the first alert wins"),
        Recorded::New(_) => panic!("a duplicate dedup key must not create an alert"),
    }
    assert_eq!(store.get(first.id).await.expect("get"), first);
    assert!(matches!(store.get(again.id).await, Err(AlertStoreError::NotFound(id)) if id == again.id));
}

async fn listing(store: &dyn AlertStore) {
    let tag = Uuid::now_v7().simple().to_string();
    let low = alert(&tag, "VARIANCE_SHIFT", Severity::Low, None, 10);
    let medium = alert(&tag, "ZERO_DROP", Severity::Medium, Some(3), 20);
    let high = alert(&tag, "HIGH_SPIKE", Severity::High, Some(3), 30);
    for a in [&low, &medium, &high] {
        store.record(a, &[]).await.expect("record");
    }
    let mine = |f: AlertFilter| AlertFilter { since: Some(at(10)), kind: f.kind, ..f };
    let ids = |page: &ports::AlertPage| {
        page.items.iter().filter(|a| a.scope == format!("T{tag}")).map(|a| a.id).collect::<Vec<_>>()
    };
    let page = store.list(&AlertFilter { since: Some(at(10)), ..AlertFilter::default() }, 0, 1000).await.expect("list");
    assert_eq!(ids(&page), [high.id, medium.id, low.id], "newest first");
    let page = store
        .list(&mine(AlertFilter { min_severity: Some(Severity::Medium), ..AlertFilter::default() }), 0, 1000)
        .await
        .expect("list");
    assert_eq!(ids(&page), [high.id, medium.id]);
    let page = store
        .list(&mine(AlertFilter { kind: Some("ZERO_DROP".into()), ..AlertFilter::default() }), 0, 1000)
        .await
        .expect("list");
    assert!(ids(&page).contains(&medium.id) && !ids(&page).contains(&high.id));
    let page = store
        .list(&AlertFilter { product_id: Some(3), since: Some(at(10)), ..AlertFilter::default() }, 0, 1000)
        .await
        .expect("list");
    assert_eq!(ids(&page), [high.id, medium.id]);
    let page = store
        .list(&AlertFilter { source: Some(AlertSource::Crm), since: Some(at(10)), ..AlertFilter::default() }, 0, 1000)
        .await
        .expect("list");
    assert!(ids(&page).is_empty());
    let everything = store.list(&AlertFilter::default(), 0, 1000).await.expect("list");
    let first_two = store.list(&AlertFilter::default(), 0, 2).await.expect("page 1");
    let next = store.list(&AlertFilter::default(), 2, 2).await.expect("page 2");
    assert_eq!(first_two.total, everything.total);
    assert_eq!(first_two.items.len(), 2);
    assert_eq!(first_two.items[..], everything.items[..2]);
    assert_eq!(next.items[..], everything.items[2..4.min(everything.items.len())]);
}

async fn acknowledgement(store: &dyn AlertStore) {
    let tag = Uuid::now_v7().simple().to_string();
    let a = alert(&tag, "HIGH_SPIKE", Severity::High, None, 40);
    store.record(&a, &[]).await.expect("record");
    let acked = store.acknowledge(a.id, "+243 81 234 5678", at(45)).await.expect("ack");
    assert_eq!(
        (acked.status, acked.acknowledged_at, acked.acknowledged_by.as_deref()),
        (AlertStatus::Acknowledged, Some(at(45)), Some("+243 81 234 5678"))
    );
    let again = store.acknowledge(a.id, "someone-else", at(50)).await.expect("ack twice");
    assert_eq!(again, acked, "the first acknowledgement is kept");
    let open = store
        .list(&AlertFilter { status: Some(AlertStatus::Open), since: Some(at(40)), ..AlertFilter::default() }, 0, 1000)
        .await
        .expect("list");
    assert!(!open.items.iter().any(|x| x.id == a.id));
    let unknown = Uuid::now_v7();
    assert!(
        matches!(store.acknowledge(unknown, "x", at(50)).await, Err(AlertStoreError::NotFound(id)) if id == unknown)
    );
}

async fn claim_mine(
    store: &dyn AlertStore,
    now: DateTime<Utc>,
    lease: DateTime<Utc>,
    alert: &Alert,
) -> Vec<ports::Delivery> {
    let claimed = store.claim_due(now, lease, 1000).await.expect("claim");
    claimed.into_iter().filter(|d| d.alert.id == alert.id).collect()
}

async fn deliveries(store: &dyn AlertStore) {
    let tag = Uuid::now_v7().simple().to_string();
    // Created far in the future so that no other run's claims see it early.
    let a = alert(&tag, "HIGH_SPIKE", Severity::High, None, 100_000);
    store.record(&a, &channels()).await.expect("record");
    let created = a.created_at;
    assert!(claim_mine(store, created - Duration::seconds(1), created, &a).await.is_empty(), "not due yet");
    let claimed = claim_mine(store, created, created + Duration::seconds(30), &a).await;
    let mut got: Vec<_> = claimed.iter().map(|d| (d.channel.clone(), d.attempts)).collect();
    got.sort();
    assert_eq!(got, [("log".to_owned(), 0), ("smtp".to_owned(), 0)]);
    assert!(
        claim_mine(store, created + Duration::seconds(10), created + Duration::seconds(40), &a).await.is_empty(),
        "leased"
    );
    let (log, smtp) = if claimed[0].channel == "log" { (&claimed[0], &claimed[1]) } else { (&claimed[1], &claimed[0]) };
    store.delivered(log.id, created).await.expect("delivered");
    store.failed(smtp.id, "connection refused", Some(created + Duration::minutes(2))).await.expect("failed");
    assert!(
        claim_mine(store, created + Duration::minutes(1), created + Duration::minutes(3), &a).await.is_empty(),
        "backing off"
    );
    let retry = claim_mine(store, created + Duration::minutes(2), created + Duration::minutes(3), &a).await;
    assert_eq!(
        retry.iter().map(|d| (d.channel.as_str(), d.attempts)).collect::<Vec<_>>(),
        [("smtp", 1)],
        "only the failed one, once more"
    );
    // The worker dies: its lease runs out and another worker may retry.
    let after_lease = claim_mine(store, created + Duration::minutes(4), created + Duration::minutes(5), &a).await;
    assert_eq!(after_lease.len(), 1);
    store.failed(after_lease[0].id, "still refused", None).await.expect("give up");
    assert!(
        claim_mine(store, created + Duration::days(1), created + Duration::days(2), &a).await.is_empty(),
        "abandoned"
    );
}

async fn concurrent_claims(store: &dyn AlertStore) {
    let tag = Uuid::now_v7().simple().to_string();
    let mut alerts = Vec::new();
    for i in 0..10 {
        let a = alert(&format!("{tag}{i}"), "HIGH_SPIKE", Severity::High, None, 200_000);
        store.record(&a, &channels()).await.expect("record");
        alerts.push(a);
    }
    let now = alerts[0].created_at;
    let lease = now + Duration::seconds(30);
    let (a, b) = futures_util::join!(store.claim_due(now, lease, 15), store.claim_due(now, lease, 15));
    let ids: Vec<Uuid> = a
        .expect("claim")
        .into_iter()
        .chain(b.expect("claim"))
        .filter(|d| alerts.iter().any(|x| x.id == d.alert.id))
        .map(|d| d.id)
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a delivery was claimed twice");
    assert_eq!(ids.len(), 20, "together the claims take every due delivery");
}
