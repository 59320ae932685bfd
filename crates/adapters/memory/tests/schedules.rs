//! The in-memory schedule store passes the `ScheduleStore` contract, races included.

use std::sync::Arc;

use adapter_memory::MemoryScheduleStore;

#[tokio::test]
async fn memory_schedule_store_follows_the_contract() {
    testkit::contracts::schedules::run(&MemoryScheduleStore::default()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_store_shared_by_two_workers_claims_each_tick_once() {
    let store = Arc::new(MemoryScheduleStore::default());
    testkit::contracts::schedules::race(store.clone(), store).await;
}
