//! The contracts on the in-process backends, so that the object stores are held to exactly
//! what the memory fake and the filesystem adapter do.

use adapter_memory::{MemoryReportStore, MemoryResultStore};
use adapter_system::{FsReportStore, FsResultStore};
use testkit::contracts;

#[tokio::test]
async fn memory_stores_keep_the_contracts() {
    contracts::report_store::run(&MemoryReportStore::default()).await;
    contracts::result_store::run(&MemoryResultStore::default()).await;
}

#[tokio::test]
async fn filesystem_stores_keep_the_contracts() {
    let dir = tempfile::tempdir().expect("temp dir");
    contracts::report_store::run(&FsReportStore::open(dir.path().join("reports")).expect("open")).await;
    contracts::result_store::run(&FsResultStore::new(dir.path().join("results"))).await;
}
