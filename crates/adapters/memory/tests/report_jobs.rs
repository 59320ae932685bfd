//! The in-memory report job store passes the `ReportJobStore` contract.

#[tokio::test]
async fn memory_report_job_store_follows_the_contract() {
    testkit::contracts::report_jobs::run(&adapter_memory::MemoryReportJobStore::default()).await;
}
