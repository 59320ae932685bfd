//! Adapters over the operating system: the wall clock (with the shop's IANA time zone), UUIDv7
//! identifiers and the log notifier, the channel that is always on.
//!
//! Depends on `ports`, `domain`, `chrono`/`chrono-tz`, `uuid` and `tracing`.

mod clock;
mod ids;
mod log_notifier;

pub use clock::SystemClock;
pub use ids::UuidV7Ids;
pub use log_notifier::LogNotifier;
