//! The `ReportStore` contract, run against every implementation (memory, filesystem, S3,
//! Azure Blob). Each run expects an empty store.

use ports::{ArtifactKey, ReportStore, ReportStoreError};

fn key(raw: &str) -> ArtifactKey {
    ArtifactKey::parse(raw).expect("a valid test key")
}

fn keys(listed: &[ports::ArtifactMeta]) -> Vec<&str> {
    listed.iter().map(|m| m.key.as_str()).collect()
}

/// Larger than any backend's single-request threshold (the object stores switch to a multipart
/// upload at 8 MiB), with a pattern that shows misplaced parts.
#[must_use]
pub fn large_artifact() -> Vec<u8> {
    (0..9 * 1024 * 1024 + 4321_u32).map(|i| (i % 251) as u8).collect()
}

/// Runs every check against `store`.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn ReportStore) {
    missing(store).await;
    round_trip_and_replace(store).await;
    listing(store).await;
    large(store).await;
    deletion(store).await;
}

/// Reads `key` through [`ReportStore::open`]: the bytes and how many chunks carried them.
///
/// # Panics
/// When the store fails.
pub async fn read_chunks(store: &dyn ReportStore, key: &ArtifactKey) -> (Vec<u8>, usize) {
    let mut reader = store.open(key).await.expect("open");
    let (mut out, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = reader.next_chunk().await.expect("next chunk") {
        out.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert!(reader.next_chunk().await.expect("after the end").is_none(), "a finished reader stays finished");
    (out, chunks)
}

async fn missing(store: &dyn ReportStore) {
    let absent = key("reports/none/absent.pdf");
    assert!(
        matches!(store.get(&absent).await, Err(ReportStoreError::NotFound(k)) if k == absent),
        "a missing artifact is NotFound"
    );
    assert!(
        matches!(store.open(&absent).await, Err(ReportStoreError::NotFound(k)) if k == absent),
        "a missing artifact cannot be opened"
    );
    store.delete(&absent).await.expect("deleting a missing artifact is not an error");
}

async fn round_trip_and_replace(store: &dyn ReportStore) {
    let k = key("reports/2026/11/first.pdf");
    let meta = store.put(&k, b"%PDF-1.7 first".to_vec()).await.expect("put");
    assert_eq!((meta.key.as_str(), meta.bytes), (k.as_str(), 14));
    assert_eq!(store.get(&k).await.expect("get"), b"%PDF-1.7 first");
    store.put(&k, b"second".to_vec()).await.expect("replace");
    assert_eq!(store.get(&k).await.expect("get the replacement"), b"second", "put replaces the whole artifact");
    let empty = key("reports/2026/11/empty.xlsx");
    store.put(&empty, Vec::new()).await.expect("an empty artifact");
    assert!(store.get(&empty).await.expect("get empty").is_empty());
}

async fn listing(store: &dyn ReportStore) {
    for raw in ["reports/2026/12/b.xlsx", "reports/2026/12/a.pdf", "reports/2026/2/c.pdf", "other/x.pdf"] {
        store.put(&key(raw), raw.as_bytes().to_vec()).await.expect("put");
    }
    let all = store.list("").await.expect("list all");
    assert_eq!(
        keys(&all),
        [
            "other/x.pdf",
            "reports/2026/11/empty.xlsx",
            "reports/2026/11/first.pdf",
            "reports/2026/12/a.pdf",
            "reports/2026/12/b.xlsx",
            "reports/2026/2/c.pdf"
        ],
        "every artifact, in key order"
    );
    let december = store.list("reports/2026/12/").await.expect("list a directory");
    assert_eq!(keys(&december), ["reports/2026/12/a.pdf", "reports/2026/12/b.xlsx"]);
    assert_eq!(december[0].bytes, "reports/2026/12/a.pdf".len() as u64, "sizes come with the listing");
    // A prefix that ends inside a path segment matches as a string, as the port says.
    let partial = store.list("reports/2026/1").await.expect("list a partial segment");
    assert_eq!(
        keys(&partial),
        ["reports/2026/11/empty.xlsx", "reports/2026/11/first.pdf", "reports/2026/12/a.pdf", "reports/2026/12/b.xlsx"]
    );
    assert!(store.list("nothing/").await.expect("list an absent prefix").is_empty());
}

async fn large(store: &dyn ReportStore) {
    let k = key("reports/large/big.pdf");
    let bytes = large_artifact();
    let meta = store.put(&k, bytes.clone()).await.expect("put a large artifact");
    assert_eq!(meta.bytes, bytes.len() as u64);
    let back = store.get(&k).await.expect("get a large artifact");
    assert!(back == bytes, "a large artifact comes back byte for byte ({} of {} bytes)", back.len(), bytes.len());
    let (streamed, chunks) = read_chunks(store, &k).await;
    assert!(
        streamed == bytes,
        "streamed byte for byte ({} of {} bytes in {chunks} chunks)",
        streamed.len(),
        bytes.len()
    );
    store.delete(&k).await.expect("delete the large artifact");
}

async fn deletion(store: &dyn ReportStore) {
    let k = key("reports/2026/12/a.pdf");
    store.delete(&k).await.expect("delete");
    assert!(matches!(store.get(&k).await, Err(ReportStoreError::NotFound(_))), "a deleted artifact is gone");
    store.delete(&k).await.expect("deleting twice is fine");
    let left = store.list("reports/2026/12/").await.expect("list after delete");
    assert_eq!(keys(&left), ["reports/2026/12/b.xlsx"], "only that artifact was removed");
}
