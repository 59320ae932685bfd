//! A clock that only moves when told to.

use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeDelta, Utc};
use ports::Clock;

/// A [`Clock`] frozen at a given instant, in a fixed UTC offset (UTC unless set).
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
    offset: FixedOffset,
}

impl FixedClock {
    #[must_use]
    pub fn at(now: DateTime<Utc>) -> Self {
        Self { now: Mutex::new(now), offset: Utc.fix() }
    }

    /// Noon UTC on `day`.
    #[must_use]
    pub fn on(day: NaiveDate) -> Self {
        Self::at(day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }

    /// The shop's zone as a fixed offset from UTC, to test date boundaries.
    #[must_use]
    pub fn with_offset(mut self, offset: FixedOffset) -> Self {
        self.offset = offset;
        self
    }

    pub fn advance(&self, by: TimeDelta) {
        *self.lock() += by;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // A poisoned clock still holds a valid instant.
        self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }

    fn now_local(&self) -> NaiveDateTime {
        self.lock().with_timezone(&self.offset).naive_local()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_date_follows_the_offset() {
        let late = DateTime::parse_from_rfc3339("2026-11-23T23:30:00Z").unwrap().to_utc();
        let east = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(FixedClock::at(late).today().to_string(), "2026-11-23");
        assert_eq!(FixedClock::at(late).with_offset(east).today().to_string(), "2026-11-24");
    }
}
