//! The ports of SalesFlow's hexagon: object-safe `async_trait` traits the use cases in `app` call
//! and the adapters implement, one file per port, each with its own error enum.
//!
//! This crate depends only on `domain` and the pure `import` parser (the import batch's report),
//! plus `async-trait`, `thiserror`, `serde` and `chrono` types. Enable the `mock` feature in a
//! consumer's `[dev-dependencies]` to get a `mockall` mock of every port (`MockSalesSource`,
//! `MockCache`, …); use the real in-memory adapters for state and the mocks
//! only to assert interactions.

pub mod alert_store;
pub mod cache;
pub mod clock;
pub mod crm_run_store;
pub mod crm_source;
pub mod crm_writeback;
pub mod health;
pub mod id_generator;
pub mod identity_provider;
pub mod import_batch_store;
pub mod notifier;
pub mod report_jobs;
pub mod report_renderer;
pub mod report_store;
pub mod result_store;
pub mod sales_sink;
pub mod sales_source;

pub use alert_store::{AlertFilter, AlertPage, AlertStore, AlertStoreError, Delivery, Recorded};
pub use cache::{Cache, CacheError};
pub use clock::Clock;
pub use crm_run_store::{
    CrmRunStore, ExtractCounts, RunRecord, RunStatus, RunStoreError, RunSummary, RunTrigger, StepReport,
    WritebackReport,
};
pub use crm_source::{CrmError, CrmSource};
pub use crm_writeback::{CrmWriteback, WriteOutcome};
pub use health::{HealthProbe, ProbeError};
pub use id_generator::IdGenerator;
pub use identity_provider::{Credentials, IdentityError, IdentityProvider, IssuedTokens};
pub use import_batch_store::{
    BatchStoreError, CommitFailure, CommitMode, CommitProgress, CommitStatus, ImportBatch, ImportBatchStore,
};
pub use notifier::{Notifier, NotifyError};
pub use report_jobs::{JobArtifact, JobFilter, JobStatus, JobStoreError, ReportJob, ReportJobStore};
pub use report_renderer::{RenderError, ReportRenderer};
pub use report_store::{
    ArtifactChunks, ArtifactKey, ArtifactKeyError, ArtifactMeta, ReportStore, ReportStoreError, WholeArtifact,
};
pub use result_store::{ResultStore, ResultStoreError, SnapshotKey, SnapshotKeyError, SnapshotMeta};
pub use sales_sink::{SalesSink, SinkError, SinkReceipt};
pub use sales_source::{DailyUnits, SalesSource, SourceError};

#[cfg(feature = "mock")]
pub use alert_store::MockAlertStore;
#[cfg(feature = "mock")]
pub use cache::MockCache;
#[cfg(feature = "mock")]
pub use clock::MockClock;
#[cfg(feature = "mock")]
pub use crm_run_store::MockCrmRunStore;
#[cfg(feature = "mock")]
pub use crm_source::MockCrmSource;
#[cfg(feature = "mock")]
pub use crm_writeback::MockCrmWriteback;
#[cfg(feature = "mock")]
pub use health::MockHealthProbe;
#[cfg(feature = "mock")]
pub use id_generator::MockIdGenerator;
#[cfg(feature = "mock")]
pub use identity_provider::MockIdentityProvider;
#[cfg(feature = "mock")]
pub use import_batch_store::MockImportBatchStore;
#[cfg(feature = "mock")]
pub use notifier::MockNotifier;
#[cfg(feature = "mock")]
pub use report_jobs::MockReportJobStore;
#[cfg(feature = "mock")]
pub use report_renderer::MockReportRenderer;
#[cfg(feature = "mock")]
pub use report_store::MockReportStore;
#[cfg(feature = "mock")]
pub use result_store::MockResultStore;
#[cfg(feature = "mock")]
pub use sales_sink::MockSalesSink;
#[cfg(feature = "mock")]
pub use sales_source::MockSalesSource;
