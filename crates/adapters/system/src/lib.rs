//! Adapters over the operating system: the wall clock (with the shop's IANA time zone), UUIDv7
//! identifiers, the log notifier (the channel that is always on), report files and the
//! analytics snapshots on the local file system.
//!
//! Depends on `ports`, `domain`, `chrono`/`chrono-tz`, `uuid`, `tokio` (blocking file work off
//! the executor) and `tracing`.

mod clock;
mod fs_report_store;
mod fs_result_store;
mod ids;
mod log_notifier;

pub use clock::SystemClock;
pub use fs_report_store::FsReportStore;
pub use fs_result_store::FsResultStore;
pub use ids::UuidV7Ids;
pub use log_notifier::LogNotifier;
