//! Contract suites: every implementation of a port runs the same checks, so the memory fake and
//! the SQL or object stores cannot drift apart.

pub mod alert_store;
pub mod crm_runs;
pub mod import_batches;
pub mod report_jobs;
pub mod report_store;
pub mod result_store;
pub mod schedules;
