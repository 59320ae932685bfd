//! SalesFlow's use cases: each module is one pipeline that combines domain logic with ports.
//!
//! Depends only on `domain`, the pure `import` parser and `ports` (plus `async-trait`, `tracing`, `futures-util` for
//! runtime-agnostic joins, and `serde`/`serde_json` to round-trip cached values through their
//! types). It never names an adapter, a web framework or an async runtime; CI checks that with
//! `cargo tree`.

pub mod alerting;
pub mod analytics;
pub mod cache_aside;
pub mod cache_keys;
pub mod crm;
pub mod imports;
pub mod invalidate_cache;
pub mod ml;
pub mod readiness;
pub mod reports;
pub mod schedules;
pub mod sessions;

pub use alerting::{AlertDraft, AlertService, DeliveryReport, RetryPolicy};
pub use analytics::{AnalyticsConfig, AnalyticsError, AnalyticsService, SalesRequest, StockRequest};
pub use cache_aside::CacheAside;
pub use cache_keys::{CacheKeys, CacheScope, CacheScopeError};
pub use crm::{CrmPorts, CrmService, CrmServiceConfig, CrmServiceError, RunRecord, RunTrigger};
pub use imports::{CommitOutcome, Confirm, ImportConfig, ImportError, ImportService, PreparedImport, UploadRequest};
pub use ml::{MlConfig, MlError, MlService};
pub use readiness::{Dependency, DependencyStatus, ReadinessReport};
pub use reports::{
    JobConfig, JobError, JobRequest, RenderedReport, ReportConfig, ReportError, ReportJobService, ReportRequest,
    ReportService, StepOutcome,
};
pub use schedules::{
    AnomalyCheck, BuiltinJob, CrmDaily, ScheduleError, ScheduleInput, ScheduleService, ScheduledAction, Scheduler,
    SchedulerConfig, TickReport, Timing,
};
pub use sessions::{SessionError, SessionService};
