//! The filesystem snapshot store: Hive layout on disk, atomic replace, listing by type and time.

use adapter_system::FsResultStore;
use chrono::{DateTime, Utc};
use ports::{ResultStore, ResultStoreError, SnapshotKey};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("instant").with_timezone(&Utc)
}

#[tokio::test]
async fn snapshots_land_in_the_hive_layout_and_list_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = FsResultStore::new(dir.path());
    let k1 = SnapshotKey::new("lead_scoring", at("2025-01-15T06:00:00Z")).unwrap();
    let k2 = SnapshotKey::new("lead_scoring", at("2025-01-16T06:30:05Z")).unwrap();
    let other = SnapshotKey::new("churn_risk", at("2025-01-16T06:30:05Z")).unwrap();
    store.put(&k2, b"{\"b\":2}".to_vec()).await.unwrap();
    store.put(&k1, b"{\"a\":1}".to_vec()).await.unwrap();
    store.put(&other, b"{}".to_vec()).await.unwrap();
    let file = dir.path().join("analytics/lead_scoring/year=2025/month=01/day=15/060000_lead_scoring.json");
    assert_eq!(std::fs::read(&file).unwrap(), b"{\"a\":1}");
    // A stray temporary file (a crashed writer) is ignored.
    std::fs::write(file.with_file_name(".lead_scoring.x.tmp"), b"partial").unwrap();
    let listed = store.list("lead_scoring", None).await.unwrap();
    assert_eq!(listed.iter().map(|m| m.key.clone()).collect::<Vec<_>>(), [k1.clone(), k2.clone()]);
    assert_eq!(listed[0].bytes, 7);
    let since = store.list("lead_scoring", Some(at("2025-01-16T00:00:00Z"))).await.unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(store.get(&k2).await.unwrap(), b"{\"b\":2}");
    store.put(&k2, b"{\"b\":3}".to_vec()).await.unwrap();
    assert_eq!(store.get(&k2).await.unwrap(), b"{\"b\":3}");
    let missing = SnapshotKey::new("lead_scoring", at("2024-01-01T00:00:00Z")).unwrap();
    assert!(matches!(store.get(&missing).await, Err(ResultStoreError::NotFound(_))));
    assert!(store.list("pipeline_health", None).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unwritable_root_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"x").unwrap();
    let store = FsResultStore::new(&blocker);
    let key = SnapshotKey::new("lead_scoring", at("2025-01-15T06:00:00Z")).unwrap();
    assert!(matches!(store.put(&key, b"{}".to_vec()).await, Err(ResultStoreError::Unavailable(_))));
}
