//! The in-memory import batch store passes the `ImportBatchStore` contract.

#[tokio::test]
async fn memory_import_batch_store_follows_the_contract() {
    testkit::contracts::import_batches::run(&adapter_memory::MemoryImportBatchStore::default()).await;
}
