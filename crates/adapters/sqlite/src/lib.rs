//! SalesFlow's own state in an embedded SQLite file: the alert history and the delivery outbox
//! behind the `AlertStore` port, the report jobs behind `ReportJobStore`, the CRM run history
//! behind `CrmRunStore`, the import batches behind `ImportBatchStore` and the report schedules
//! with their tick claims behind `ScheduleStore`, for a single gateway/worker host.
//!
//! [`SqliteAlertStore::open`] creates the file (and its directory) if missing, runs in WAL mode
//! with a busy timeout so that several processes on one host can share the file, and applies the
//! embedded migrations in `migrations/`. Claims take SQLite's single write lock up front
//! (`BEGIN IMMEDIATE`), so two workers never lease the same delivery.
//!
//! Depends on `domain`, `ports`, `sqlx` (SQLite driver, runtime-bound queries only: no database
//! exists at build time), `chrono`, `serde_json` (import batches are stored as JSON), `thiserror`
//! and `tracing`. Driver types stay private: every
//! driver error becomes an [`ports::AlertStoreError`] or a [`StateError`].

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
pub use store::SqliteAlertStore;
