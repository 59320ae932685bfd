//! The `ResultStore` contract, run against every implementation (memory, filesystem, S3,
//! Azure Blob). Each run expects an empty store.

use chrono::{DateTime, TimeZone, Utc};
use ports::{ResultStore, ResultStoreError, SnapshotKey};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("valid instant")
}

fn snapshot(kind: &str, when: DateTime<Utc>) -> SnapshotKey {
    SnapshotKey::new(kind, when).expect("a valid snapshot key")
}

fn times(listed: &[ports::SnapshotMeta]) -> Vec<DateTime<Utc>> {
    listed.iter().map(|m| m.key.at()).collect()
}

/// Runs every check against `store`.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn ResultStore) {
    assert!(!store.describe().is_empty(), "the store describes itself for the logs");
    let absent = snapshot("lead_scoring", at(2025, 1, 1, 0, 0, 0));
    assert!(
        matches!(store.get(&absent).await, Err(ResultStoreError::NotFound(k)) if k == absent),
        "a missing snapshot is NotFound"
    );
    assert!(store.list("lead_scoring", None).await.expect("list empty").is_empty());

    // Out of order, across a month and a year boundary, plus another type.
    let when =
        [at(2025, 1, 15, 6, 0, 7), at(2024, 12, 31, 23, 59, 59), at(2025, 2, 1, 6, 0, 0), at(2025, 1, 15, 18, 30, 0)];
    for (i, w) in when.iter().enumerate() {
        let body = format!("{{\"run\":{i}}}");
        let meta = store.put(&snapshot("lead_scoring", *w), body.clone().into_bytes()).await.expect("put");
        assert_eq!(meta.bytes, body.len() as u64);
    }
    store.put(&snapshot("churn_risk", at(2025, 1, 15, 6, 0, 7)), b"{\"churn\":1}".to_vec()).await.expect("put");

    let all = store.list("lead_scoring", None).await.expect("list");
    assert_eq!(times(&all), [when[1], when[0], when[3], when[2]], "oldest first, one type only");
    assert!(all.iter().all(|m| m.key.kind() == "lead_scoring"));
    assert_eq!(all[0].bytes, "{\"run\":1}".len() as u64, "sizes come with the listing");

    let since = store.list("lead_scoring", Some(when[0])).await.expect("list since");
    assert_eq!(times(&since), [when[0], when[3], when[2]], "`since` is inclusive");
    let since = store.list("lead_scoring", Some(at(2025, 1, 15, 6, 0, 8))).await.expect("list since");
    assert_eq!(times(&since), [when[3], when[2]]);
    let since = store.list("lead_scoring", Some(at(2025, 1, 1, 0, 0, 0))).await.expect("list since a day");
    assert_eq!(times(&since), [when[0], when[3], when[2]], "earlier partitions are skipped");
    assert!(store.list("lead_scoring", Some(at(2025, 3, 1, 0, 0, 0))).await.expect("list future").is_empty());

    assert_eq!(times(&store.list("churn_risk", None).await.expect("list")), [when[0]]);
    assert!(store.list("pipeline", None).await.expect("list another type").is_empty());
    // `lead` is a prefix of `lead_scoring`, not a type of its own.
    assert!(store.list("lead", None).await.expect("list a prefix of a type").is_empty());

    let key = snapshot("lead_scoring", when[0]);
    assert_eq!(store.get(&key).await.expect("get"), b"{\"run\":0}");
    store.put(&key, b"{\"run\":\"again\"}".to_vec()).await.expect("replace");
    assert_eq!(store.get(&key).await.expect("get"), b"{\"run\":\"again\"}", "storing a key again replaces it");
    assert_eq!(store.list("lead_scoring", None).await.expect("list").len(), 4, "replacing adds no snapshot");
}
