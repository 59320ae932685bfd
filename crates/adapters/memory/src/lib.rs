//! In-memory adapters for SalesFlow's ports: a bounded TTL cache (moka), alert history with its
//! delivery outbox, a report store, a recording notifier, a recording sales sink, import batches, the CRM run history, a fixed clock and sequential ids.
//!
//! DEV mode runs on them and every integration test starts from them (the `TestApp` builder
//! defaults to these). They are real implementations with the ports' full contracts, not mocks:
//! use `mockall` mocks from `ports` only to assert interactions.
//! Depends on `ports`, `domain` and `moka`.

mod alert_store;
mod cache;
mod clock;
mod crm_runs;
mod ids;
mod import_batch_store;
mod notifier;
mod report_jobs;
mod report_store;
mod result_store;
mod sales_sink;

pub use alert_store::MemoryAlertStore;
pub use cache::{MemoryCache, MemoryCacheLimits};
pub use clock::FixedClock;
pub use crm_runs::MemoryCrmRunStore;
pub use ids::SequentialIds;
pub use import_batch_store::MemoryImportBatchStore;
pub use notifier::RecordingNotifier;
pub use report_jobs::MemoryReportJobStore;
pub use report_store::MemoryReportStore;
pub use result_store::MemoryResultStore;
pub use sales_sink::RecordingSalesSink;
