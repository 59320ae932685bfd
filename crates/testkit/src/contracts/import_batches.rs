//! The `ImportBatchStore` contract: a batch reads back exactly as stored (rows, errors, exact
//! quantities and prices, dates), commit progress is a compare-and-set on the version, deletes
//! and purges find what they should. Each run uses its own ids, so a shared backend is fine.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::{Money, Product, ProductId, Sku, Uuid};
use import::{Catalog, ImportOptions, ImportReport};
use ports::{BatchStoreError, CommitFailure, CommitMode, CommitProgress, CommitStatus, ImportBatch, ImportBatchStore};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).single().expect("valid instant") + Duration::minutes(minutes)
}

/// A report made by the real parser: two valid rows (one with a fractional price and a date, one
/// without either) and three row errors.
///
/// # Panics
/// When the importer refuses its own small CSV (a broken build).
#[must_use]
pub fn report() -> ImportReport {
    let products = (1..=3)
        .map(|i| {
            let sku = Sku::parse(&format!("SKU-{i}")).expect("sku");
            Product::new(ProductId::new(i), sku, format!("Product {i}"), Money::from_cents(250))
        })
        .collect();
    let csv = "sku;quantity;sale_date;unit_price\n\
               SKU-1;2;2025-03-01;1,2345\n\
               SKU-2;5;2025-03-02;\n\
               NOPE;1;2025-03-03;\n\
               SKU-3;0;31/02/2025;x\n";
    import::import(csv.as_bytes(), &ImportOptions::default(), &Catalog::new(products)).expect("a readable CSV")
}

/// A stored batch created `minutes` after 08:00 on 2026-12-01, expiring an hour later.
#[must_use]
pub fn batch(minutes: i64) -> ImportBatch {
    ImportBatch {
        id: Uuid::now_v7(),
        owner: "admin@example.com".into(),
        file_name: Some("sales é.csv".into()),
        created_at: at(minutes),
        expires_at: at(minutes + 60),
        report: report(),
        commit: None,
        version: 0,
    }
}

fn progress(chunks_done: usize, status: CommitStatus) -> CommitProgress {
    CommitProgress {
        mode: CommitMode::ValidRowsOnly,
        status,
        chunk_size: 1,
        chunks_total: 2,
        chunks_done,
        committed_rows: chunks_done,
        started_at: at(5),
        lease_until: (status == CommitStatus::Running).then(|| at(10)),
        finished_at: (status == CommitStatus::Committed).then(|| at(6)),
        last_error: (status == CommitStatus::Interrupted).then(|| CommitFailure {
            outcome: "rejected".into(),
            code: "INSUFFICIENT_STOCK".into(),
            message: "Insufficient stock for product 2".into(),
            chunk: 1,
            first_row: 3,
            last_row: 3,
        }),
    }
}

/// Runs the contract.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn ImportBatchStore) {
    let first = batch(0);
    assert_eq!((first.report.rows.len(), first.report.errors.len()), (2, 4), "the sample report: {:?}", first.report);
    store.create(&first).await.expect("create");
    assert_eq!(store.get(first.id).await.expect("get"), first, "a batch reads back exactly as stored");
    let unknown = Uuid::now_v7();
    assert!(matches!(store.get(unknown).await, Err(BatchStoreError::NotFound(id)) if id == unknown));

    // Progress: each write names the version it read and gets the next one.
    let running = progress(0, CommitStatus::Running);
    let v1 = store.save_commit(first.id, 0, &running).await.expect("first save");
    assert_eq!(v1, 1);
    let stale = store.save_commit(first.id, 0, &progress(1, CommitStatus::Running)).await;
    assert!(matches!(stale, Err(BatchStoreError::Conflict(id)) if id == first.id), "a stale version is refused");
    let stopped = progress(1, CommitStatus::Interrupted);
    let v2 = store.save_commit(first.id, v1, &stopped).await.expect("second save");
    assert_eq!(v2, 2);
    let read = store.get(first.id).await.expect("get");
    assert_eq!((read.commit.as_ref(), read.version), (Some(&stopped), 2), "the last progress wins");
    assert_eq!(read.report, first.report, "saving progress leaves the report alone");
    let done = progress(2, CommitStatus::Committed);
    assert_eq!(store.save_commit(first.id, v2, &done).await.expect("third save"), 3);
    assert_eq!(store.get(first.id).await.expect("get").commit, Some(done.clone()));
    assert!(matches!(store.save_commit(unknown, 0, &done).await, Err(BatchStoreError::NotFound(_))));

    // Delete.
    store.delete(first.id).await.expect("delete");
    assert!(matches!(store.get(first.id).await, Err(BatchStoreError::NotFound(_))));
    assert!(matches!(store.delete(first.id).await, Err(BatchStoreError::NotFound(_))), "deleting twice");

    // Purge: at or past `expires_at` only; the survivors keep their progress.
    let (early, late) = (batch(100), batch(200));
    store.create(&early).await.expect("create");
    store.create(&late).await.expect("create");
    store.save_commit(late.id, 0, &running).await.expect("save");
    assert_eq!(store.purge_expired(at(159)).await.expect("purge"), 0, "nothing expired yet");
    assert_eq!(store.purge_expired(at(160)).await.expect("purge"), 1, "expiring at `now` counts");
    assert!(matches!(store.get(early.id).await, Err(BatchStoreError::NotFound(_))));
    assert_eq!(store.get(late.id).await.expect("the later batch stays").commit, Some(running));
    assert_eq!(store.purge_expired(at(260)).await.expect("purge"), 1);
    assert!(matches!(store.get(late.id).await, Err(BatchStoreError::NotFound(_))));
}
