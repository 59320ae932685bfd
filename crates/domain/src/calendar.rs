//! Date windows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An inclusive range of calendar days, `start ≤ end` by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    start: NaiveDate,
    end: NaiveDate,
}

/// Why two dates do not form a [`DateRange`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("start date {start} is after end date {end}")]
pub struct DateRangeError {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    /// # Errors
    /// When `start > end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, DateRangeError> {
        if start > end {
            return Err(DateRangeError { start, end });
        }
        Ok(Self { start, end })
    }

    /// The `days` days ending on (and including) `end`; `days` of 0 is treated as 1.
    #[must_use]
    pub fn ending(end: NaiveDate, days: u32) -> Self {
        let start = end - chrono::Days::new(u64::from(days.max(1) - 1));
        Self { start, end }
    }

    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    #[must_use]
    pub const fn end(&self) -> NaiveDate {
        self.end
    }

    /// Number of days, both ends included.
    #[must_use]
    pub fn days(&self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(u32::MAX)
    }

    #[must_use]
    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start && day <= self.end
    }

    pub fn iter_days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let end = self.end;
        self.start.iter_days().take_while(move |d| *d <= end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counts_inclusive_days_across_a_leap_day() {
        let r = DateRange::new(d(2024, 2, 28), d(2024, 3, 1)).unwrap();
        assert_eq!(r.days(), 3);
        assert_eq!(r.iter_days().collect::<Vec<_>>(), vec![d(2024, 2, 28), d(2024, 2, 29), d(2024, 3, 1)]);
        assert!(DateRange::new(d(2024, 3, 2), d(2024, 3, 1)).is_err());
        assert_eq!(DateRange::ending(d(2024, 3, 1), 7).start(), d(2024, 2, 24));
        assert_eq!(DateRange::ending(d(2024, 3, 1), 0).days(), 1);
    }
}
