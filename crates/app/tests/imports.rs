//! The import use cases over real in-memory adapters: upload → preview → chunked commit,
//! idempotency, resume after a refusal, a chunk in doubt, cache invalidation, expiry.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapter_memory::{FixedClock, MemoryCache, MemoryImportBatchStore, SequentialIds};
use app::imports::Confirm;
use app::{CacheKeys, CacheScope, ImportConfig, ImportError, ImportService, UploadRequest};
use async_trait::async_trait;
use chrono::{NaiveDate, TimeDelta};
use domain::{Money, NewSale, Principal, Product, ProductId, Sku};
use ports::{Cache, CommitMode, CommitStatus, MockSalesSource, SalesSink, SinkError, SinkReceipt};

type Failure = (usize, fn() -> SinkError);

/// Records batches; fails the calls listed in `fail` (1-based call numbers) with the given error.
#[derive(Default)]
struct ScriptedSink {
    calls: Mutex<usize>,
    recorded: Mutex<Vec<Vec<NewSale>>>,
    fail: Mutex<Vec<Failure>>,
}

impl ScriptedSink {
    fn recorded_sales(&self) -> usize {
        self.recorded.lock().expect("lock").iter().map(Vec::len).sum()
    }
}

#[async_trait]
impl SalesSink for ScriptedSink {
    async fn record(&self, _caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError> {
        let call = {
            let mut calls = self.calls.lock().expect("lock");
            *calls += 1;
            *calls
        };
        if let Some((_, make)) = self.fail.lock().expect("lock").iter().find(|(n, _)| *n == call) {
            return Err(make());
        }
        self.recorded.lock().expect("lock").push(sales.to_vec());
        Ok(SinkReceipt { recorded: sales.len(), message: "Bulk sales imported successfully".into() })
    }
}

struct World {
    service: ImportService,
    sink: Arc<ScriptedSink>,
    cache: Arc<MemoryCache>,
    clock: Arc<FixedClock>,
}

fn world(chunk_size: usize) -> World {
    let mut source = MockSalesSource::new();
    source.expect_products().returning(|_| {
        Ok((1..=3)
            .map(|i| {
                let sku = Sku::parse(&format!("SKU-{i}")).expect("sku");
                Product::new(ProductId::new(i), sku, format!("Product {i}"), Money::from_cents(100))
            })
            .collect())
    });
    let sink = Arc::new(ScriptedSink::default());
    let cache = Arc::new(MemoryCache::default());
    let clock = Arc::new(FixedClock::on(NaiveDate::from_ymd_opt(2025, 6, 1).expect("day")));
    let config = ImportConfig { chunk_size, ..ImportConfig::default() };
    let service = ImportService::new(
        Arc::new(source),
        sink.clone(),
        Arc::new(MemoryImportBatchStore::default()),
        cache.clone(),
        clock.clone(),
        Arc::new(SequentialIds::default()),
        config,
    );
    World { service, sink, cache, clock }
}

fn csv(rows: usize, bad: &[usize]) -> Vec<u8> {
    let mut text = String::from("sku,quantity,sale_date,unit_price\n");
    for i in 0..rows {
        let sku = if bad.contains(&i) { "NOPE".to_owned() } else { format!("SKU-{}", i % 3 + 1) };
        text.push_str(&format!("{sku},{},2025-01-{:02},1.5\n", i / 3 + 1, i % 28 + 1));
    }
    text.into_bytes()
}

async fn upload(w: &World, bytes: &[u8]) -> domain::Uuid {
    let caller = Principal::dev_admin();
    let prepared = w.service.prepare(&caller, UploadRequest::default()).await.expect("catalogue");
    let report = prepared.parse(bytes).expect("a valid csv");
    w.service.store(&caller, prepared, report).await.expect("stored").id
}

#[tokio::test]
async fn commits_valid_rows_in_chunks_once() {
    let w = world(4);
    let id = upload(&w, &csv(10, &[7])).await;
    let caller = Principal::dev_admin();
    let key = CacheKeys::key(CacheScope::Analytics, &["sales"]);
    w.cache.set(&key, vec![1], Duration::from_secs(60)).await.unwrap();

    let err = w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await.unwrap_err();
    assert!(matches!(err, ImportError::HasErrors { invalid: 1 }), "{err:?}");
    assert_eq!(w.sink.recorded_sales(), 0);

    let done = w.service.commit(&caller, id, CommitMode::ValidRowsOnly, None).await.unwrap();
    assert_eq!((done.newly_committed, done.already_committed), (9, false));
    let recorded = w.sink.recorded.lock().unwrap().iter().map(Vec::len).collect::<Vec<_>>();
    assert_eq!(recorded, [4, 4, 1], "chunks of the configured size");
    assert!(w.cache.get(&key).await.unwrap().is_none(), "analytics cache invalidated");

    let again = w.service.commit(&caller, id, CommitMode::ValidRowsOnly, None).await.unwrap();
    assert_eq!((again.newly_committed, again.already_committed), (0, true));
    assert_eq!(w.sink.recorded_sales(), 9, "a second commit records nothing");
}

#[tokio::test]
async fn resumes_after_a_refused_chunk_without_duplicates() {
    let w = world(3);
    let id = upload(&w, &csv(9, &[])).await;
    let caller = Principal::dev_admin();
    w.sink.fail.lock().unwrap().push((2, || SinkError::Rejected {
        code: "INSUFFICIENT_STOCK".into(),
        message: "Not enough stock for product SKU-2".into(),
    }));
    let err = w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await.unwrap_err();
    let ImportError::Rejected(failure) = err else { panic!("{err:?}") };
    assert_eq!(
        (failure.chunk, failure.first_row, failure.last_row, failure.code.as_str()),
        (1, 5, 7, "INSUFFICIENT_STOCK")
    );
    let batch = w.service.get(&caller, id).await.unwrap();
    let progress = batch.commit.unwrap();
    assert_eq!((progress.status, progress.chunks_done, progress.committed_rows), (CommitStatus::Interrupted, 1, 3));

    let mode = w.service.commit(&caller, id, CommitMode::ValidRowsOnly, None).await.unwrap_err();
    assert!(matches!(mode, ImportError::ModeConflict { .. }), "{mode:?}");

    let resumed = w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await.unwrap();
    assert_eq!(resumed.newly_committed, 6);
    let mut rows: Vec<_> =
        w.sink.recorded.lock().unwrap().iter().flatten().map(|s| (s.lines[0].product_id, s.at)).collect();
    rows.sort();
    rows.dedup();
    assert_eq!((rows.len(), w.sink.recorded_sales()), (9, 9), "every row exactly once");
}

#[tokio::test]
async fn a_chunk_in_doubt_needs_the_callers_word() {
    let w = world(5);
    let id = upload(&w, &csv(10, &[])).await;
    let caller = Principal::dev_admin();
    w.sink.fail.lock().unwrap().push((2, || SinkError::Unavailable { reason: "timeout".into(), retry_after: None }));
    let err = w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await.unwrap_err();
    assert!(matches!(err, ImportError::Unconfirmed(..)), "{err:?}");
    let blind = w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await.unwrap_err();
    assert!(matches!(blind, ImportError::OutcomeUnknown(ref f) if f.chunk == 1), "{blind:?}");
    assert_eq!(w.sink.recorded_sales(), 5, "nothing sent while in doubt");
    // The operator checked Java: that chunk did go through.
    let done = w.service.commit(&caller, id, CommitMode::AllOrNothing, Some(Confirm::Recorded)).await.unwrap();
    assert_eq!(done.newly_committed, 0, "nothing was left to send");
    let progress = done.batch.commit.unwrap();
    assert_eq!((progress.status, progress.committed_rows), (CommitStatus::Committed, 10));
    assert_eq!(w.sink.recorded_sales(), 5, "the chunk in doubt was not sent twice");
}

#[tokio::test]
async fn batches_expire() {
    let w = world(5);
    let id = upload(&w, &csv(3, &[])).await;
    let caller = Principal::dev_admin();
    w.clock.advance(TimeDelta::hours(25));
    assert!(matches!(w.service.get(&caller, id).await, Err(ImportError::Expired(_))));
    assert!(matches!(
        w.service.commit(&caller, id, CommitMode::AllOrNothing, None).await,
        Err(ImportError::Expired(_))
    ));
    assert_eq!(w.service.purge_expired().await.unwrap(), 1);
    assert!(matches!(w.service.get(&caller, id).await, Err(ImportError::NotFound(_))));
}
