//! Calendar buckets: day, ISO week, month, quarter.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::DateRange;

/// How daily values are grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    #[default]
    Day,
    /// ISO 8601 weeks, Monday to Sunday, numbered by ISO week-year.
    Week,
    Month,
    Quarter,
}

/// One calendar bucket. `start`/`end` are the calendar period's own bounds; `partial` says the
/// analysed window covers only part of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub partial: bool,
}

impl Granularity {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
        }
    }

    /// The calendar period containing `day`.
    fn period_of(self, day: NaiveDate) -> (NaiveDate, NaiveDate, String) {
        match self {
            Self::Day => (day, day, day.to_string()),
            Self::Week => {
                let week = day.iso_week();
                let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).unwrap_or(day);
                (monday, monday + Days::new(6), format!("{}-W{:02}", week.year(), week.week()))
            }
            Self::Month => {
                let first = day.with_day(1).unwrap_or(day);
                (first, last_day_of_month(day.year(), day.month()), format!("{}-{:02}", day.year(), day.month()))
            }
            Self::Quarter => {
                let quarter = day.month0() / 3;
                let first = NaiveDate::from_ymd_opt(day.year(), quarter * 3 + 1, 1).unwrap_or(day);
                (first, last_day_of_month(day.year(), quarter * 3 + 3), format!("{}-Q{}", day.year(), quarter + 1))
            }
        }
    }
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

/// The buckets covering `window` and, for every day of the window (by offset from its start),
/// the index of its bucket.
#[must_use]
pub fn buckets(window: DateRange, granularity: Granularity) -> (Vec<Bucket>, Vec<u32>) {
    let mut list: Vec<Bucket> = Vec::new();
    let mut day_to_bucket = Vec::with_capacity(window.days() as usize);
    for day in window.iter_days() {
        let (start, end, label) = granularity.period_of(day);
        if list.last().is_none_or(|b| b.start != start) {
            let partial = start < window.start() || end > window.end();
            list.push(Bucket { label, start, end, partial });
        }
        day_to_bucket.push(u32::try_from(list.len() - 1).unwrap_or(u32::MAX));
    }
    (list, day_to_bucket)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn labels(window: DateRange, g: Granularity) -> Vec<String> {
        buckets(window, g).0.into_iter().map(|b| b.label).collect()
    }

    #[test]
    fn iso_weeks_cross_the_new_year_by_iso_week_year() {
        // 2026-12-28 is Monday of 2026-W53; 2027-01-04 is Monday of 2027-W01.
        let w = DateRange::new(d(2026, 12, 27), d(2027, 1, 4)).unwrap();
        assert_eq!(labels(w, Granularity::Week), ["2026-W52", "2026-W53", "2027-W01"]);
        let (list, map) = buckets(w, Granularity::Week);
        assert!(list[0].partial && !list[1].partial && list[2].partial);
        assert_eq!(list[1].start, d(2026, 12, 28));
        assert_eq!(list[1].end, d(2027, 1, 3));
        assert_eq!(map, [0, 1, 1, 1, 1, 1, 1, 1, 2]);
        // 2024-12-30 belongs to 2025-W01.
        let w = DateRange::new(d(2024, 12, 30), d(2024, 12, 31)).unwrap();
        assert_eq!(labels(w, Granularity::Week), ["2025-W01"]);
    }

    #[test]
    fn months_and_quarters_handle_leap_years_and_boundaries() {
        let w = DateRange::new(d(2024, 2, 28), d(2024, 4, 1)).unwrap();
        let (list, map) = buckets(w, Granularity::Month);
        assert_eq!(list.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(), ["2024-02", "2024-03", "2024-04"]);
        assert_eq!(list[0].end, d(2024, 2, 29));
        assert_eq!(map.len(), 34);
        assert_eq!(&map[..3], &[0, 0, 1]);
        let w = DateRange::new(d(2025, 9, 30), d(2026, 1, 1)).unwrap();
        let (list, _) = buckets(w, Granularity::Quarter);
        let got: Vec<_> = list.iter().map(|b| (b.label.as_str(), b.start, b.end, b.partial)).collect();
        assert_eq!(
            got,
            [
                ("2025-Q3", d(2025, 7, 1), d(2025, 9, 30), true),
                ("2025-Q4", d(2025, 10, 1), d(2025, 12, 31), false),
                ("2026-Q1", d(2026, 1, 1), d(2026, 3, 31), true)
            ]
        );
    }

    #[test]
    fn days_are_their_own_buckets() {
        let w = DateRange::new(d(2024, 2, 28), d(2024, 3, 1)).unwrap();
        assert_eq!(labels(w, Granularity::Day), ["2024-02-28", "2024-02-29", "2024-03-01"]);
    }
}
