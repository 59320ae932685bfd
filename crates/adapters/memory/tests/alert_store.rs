//! The in-memory alert store passes the `AlertStore` contract.

#[tokio::test]
async fn memory_alert_store_follows_the_contract() {
    testkit::contracts::alert_store::run(&adapter_memory::MemoryAlertStore::default()).await;
}
