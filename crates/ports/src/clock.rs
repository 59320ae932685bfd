//! `Clock`: the current time, in UTC and in the shop's own time zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The only source of "now". Domain code takes dates as arguments; use cases ask a `Clock`.
///
/// Synchronous on purpose: reading a clock never waits, and a sync trait stays object safe
/// without `async_trait`.
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// The current wall-clock time in the shop's configured time zone. The Java service records
    /// sales as zone-less local date-times, so this is the scale sales are compared on.
    fn now_local(&self) -> NaiveDateTime;

    /// Today's calendar date in the shop's time zone.
    fn today(&self) -> NaiveDate {
        self.now_local().date()
    }
}
