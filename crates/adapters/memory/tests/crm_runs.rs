//! The in-memory CRM run store passes the `CrmRunStore` contract.

#[tokio::test]
async fn memory_crm_run_store_follows_the_contract() {
    testkit::contracts::crm_runs::run(&adapter_memory::MemoryCrmRunStore::default()).await;
}
