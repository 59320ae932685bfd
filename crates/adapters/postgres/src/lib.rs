//! SalesFlow's own state in PostgreSQL: the alert history and the delivery outbox behind the
//! `AlertStore` port, the report job queue behind `ReportJobStore`, the CRM run history behind
//! `CrmRunStore`, the import batches behind `ImportBatchStore` and the report schedules with their
//! tick claims behind `ScheduleStore`, shared by several gateways and workers on several machines.
//!
//! [`PostgresAlertStore::connect`] bounds every wait for a connection, keeps all its tables in
//! one schema (created if missing, and the `search_path` of every pooled connection), and applies
//! the embedded migrations in `migrations/` there, so deployments and tests sharing a database
//! stay apart. Claims lease rows with `FOR UPDATE SKIP LOCKED`, so concurrent workers never
//! claim the same delivery and never wait on each other's rows.
//!
//! Depends on `domain`, `ports`, `sqlx` (PostgreSQL driver with rustls, runtime-bound queries
//! only: no database exists at build time), `chrono`, `serde_json` (import batches are stored as
//! JSON), `thiserror` and `tracing`. Driver types stay private: every driver error becomes a
//! port's error (`AlertStoreError`, `BatchStoreError`) or a [`StateError`].

mod alerts;
mod codec;
mod crm_runs;
mod error;
mod import_batches;
mod outbox;
mod report_jobs;
mod schedules;
mod schema;
mod store;

pub use error::StateError;
pub use store::PostgresAlertStore;
