//! Checks shared by the S3 and Azure backends, written against the raw bucket where the
//! ports cannot express the situation (a writer killed mid-upload, a stranger's object).

use adapter_object_store::{Bucket, ObjectReportStore, ObjectResultStore};
use chrono::{TimeZone, Utc};
use futures_util::TryStreamExt;
use object_store::path::Path;
use object_store::{ObjectStoreExt, PutPayload};
use ports::{ArtifactKey, ReportStore, ReportStoreError, ResultStore, ResultStoreError, SnapshotKey};

fn snapshot() -> SnapshotKey {
    let at = Utc.with_ymd_and_hms(2025, 1, 15, 6, 0, 7).single().expect("instant");
    SnapshotKey::new("lead_scoring", at).expect("key")
}

/// The prefix is a real key prefix and snapshots keep the documented layout below it.
pub(crate) async fn keys_sit_under_the_prefix(root: Bucket, prefixed: Bucket) {
    let results = ObjectResultStore::new(prefixed.clone());
    results.put(&snapshot(), b"{}".to_vec()).await.expect("put a snapshot");
    let reports = ObjectReportStore::new(prefixed);
    reports.put(&ArtifactKey::parse("reports/r.pdf").expect("key"), b"pdf".to_vec()).await.expect("put");

    let listed: Vec<_> = root.raw().list(None).try_collect().await.expect("list the bucket root");
    let mut keys: Vec<String> = listed.into_iter().map(|m| m.location.to_string()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "tenant-a/analytics/lead_scoring/year=2025/month=01/day=15/060007_lead_scoring.json",
            "tenant-a/reports/r.pdf"
        ]
    );
    // The unprefixed view does not see the prefixed snapshot as its own.
    assert!(ObjectResultStore::new(root).list("lead_scoring", None).await.expect("list").is_empty());
}

/// A multipart upload that never completes (its writer died) cannot be read or listed.
pub(crate) async fn unfinished_uploads_are_invisible(bucket: Bucket) {
    let key = ArtifactKey::parse("reports/dying.pdf").expect("key");
    let store = ObjectReportStore::new(bucket.clone());
    let mut upload = bucket.raw().put_multipart(&Path::from(key.as_str())).await.expect("start an upload");
    upload.put_part(PutPayload::from(vec![7_u8; 5 * 1024 * 1024])).await.expect("first part");
    assert!(matches!(store.get(&key).await, Err(ReportStoreError::NotFound(_))), "no half-written artifact");
    assert!(store.list("reports/").await.expect("list").is_empty(), "nor listed");
    upload.abort().await.expect("abort");
    assert!(matches!(store.get(&key).await, Err(ReportStoreError::NotFound(_))));
}

/// Objects that are not artifacts or snapshots (written by hand, by another tool) are skipped.
pub(crate) async fn strays_are_ignored(bucket: Bucket) {
    let raw = bucket.raw();
    for stray in [
        "analytics/lead_scoring/notes.txt",
        "analytics/lead_scoring/year=2025/month=01/day=15/latest.json",
        "analytics/lead_scoring/year=2025/month=01/day=15/060007_churn_risk.json",
        "reports/with space.pdf",
    ] {
        raw.put(&Path::from(stray), PutPayload::from_static(b"{}")).await.expect("put a stray");
    }
    let results = ObjectResultStore::new(bucket.clone());
    results.put(&snapshot(), b"{}".to_vec()).await.expect("put");
    let listed = results.list("lead_scoring", None).await.expect("list");
    assert_eq!(listed.iter().map(|m| m.key.clone()).collect::<Vec<_>>(), [snapshot()]);
    let reports = ObjectReportStore::new(bucket);
    assert!(reports.list("reports/").await.expect("list").is_empty(), "a key no ArtifactKey can name is skipped");
}

/// A service that cannot be reached (or refuses the credentials) is `Unavailable`, quickly.
pub(crate) async fn outage_is_unavailable(bucket: Bucket) {
    let started = std::time::Instant::now();
    let reports = ObjectReportStore::new(bucket.clone());
    let key = ArtifactKey::parse("reports/x.pdf").expect("key");
    assert!(matches!(reports.put(&key, b"x".to_vec()).await, Err(ReportStoreError::Unavailable(_))));
    assert!(matches!(reports.get(&key).await, Err(ReportStoreError::Unavailable(_))));
    let results = ObjectResultStore::new(bucket);
    assert!(matches!(results.list("lead_scoring", None).await, Err(ResultStoreError::Unavailable(_))));
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "bounded retries: {:?}", started.elapsed());
}

/// A large artifact reaches the reader in several chunks, not as one buffer.
pub(crate) async fn large_artifacts_stream_in_chunks(bucket: Bucket) {
    let store = ObjectReportStore::new(bucket);
    let key = ArtifactKey::parse("reports/big.pdf").expect("key");
    let bytes = testkit::contracts::report_store::large_artifact();
    store.put(&key, bytes.clone()).await.expect("put");
    let (back, chunks) = testkit::contracts::report_store::read_chunks(&store, &key).await;
    assert!(back == bytes, "same bytes");
    assert!(chunks > 1, "9 MiB arrived in {chunks} chunk(s)");
}
