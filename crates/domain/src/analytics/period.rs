//! The upstream's named periods, explicit date windows, and their validation.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DateRange;

/// A named window ending today (reference §3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    #[default]
    Daily,
    Weekly,
    Monthly,
    Quarterly,
}

impl Period {
    /// daily = today; weekly = the last 7 days; monthly = month to date; quarterly = the last
    /// 90 days.
    #[must_use]
    pub fn window(self, today: NaiveDate) -> DateRange {
        match self {
            Self::Daily => DateRange::ending(today, 1),
            Self::Weekly => DateRange::ending(today, 7),
            Self::Monthly => {
                let first = today.with_day(1).unwrap_or(today);
                DateRange::new(first, today).unwrap_or_else(|_| DateRange::ending(today, 1))
            }
            Self::Quarterly => DateRange::ending(today, 90),
        }
    }

    /// The upstream's French labels (with the typographic apostrophe), kept for the frontend.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Daily => "Aujourd\u{2019}hui",
            Self::Weekly => "7 derniers jours",
            Self::Monthly => "Mois en cours",
            Self::Quarterly => "90 derniers jours",
        }
    }

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
        }
    }
}

/// Why a requested window is refused; `field` names the query parameter at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct WindowError {
    pub field: &'static str,
    pub message: String,
}

/// The window a request asks for: both explicit dates, or the period's window.
///
/// # Errors
/// One date without the other, `start_date > end_date`, or a window longer than `max_days`.
pub fn resolve_window(
    period: Period,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
    max_days: u32,
) -> Result<DateRange, WindowError> {
    let range = match (start, end) {
        (None, None) => return Ok(period.window(today)),
        (Some(_), None) => {
            return Err(WindowError {
                field: "end_date",
                message: "end_date is required when start_date is given".into(),
            });
        }
        (None, Some(_)) => {
            return Err(WindowError {
                field: "start_date",
                message: "start_date is required when end_date is given".into(),
            });
        }
        (Some(s), Some(e)) => DateRange::new(s, e).map_err(|_| WindowError {
            field: "start_date",
            message: format!("start_date {s} is after end_date {e}"),
        })?,
    };
    if range.days() > max_days {
        return Err(WindowError {
            field: "end_date",
            message: format!("the window spans {} days; at most {max_days}", range.days()),
        });
    }
    Ok(range)
}

/// The window of equal length right before `window`, for period-over-period comparison.
#[must_use]
pub fn previous_window(window: DateRange) -> DateRange {
    let end = window.start() - Days::new(1);
    DateRange::ending(end, window.days())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn named_windows_follow_the_upstream() {
        let today = d(2026, 11, 23);
        assert_eq!(Period::Daily.window(today), DateRange::new(today, today).unwrap());
        assert_eq!(Period::Weekly.window(today).start(), d(2026, 11, 17));
        assert_eq!(Period::Monthly.window(today).start(), d(2026, 11, 1));
        assert_eq!(Period::Quarterly.window(today).start(), d(2026, 8, 26));
        assert_eq!(Period::Daily.label(), "Aujourd’hui");
    }

    #[test]
    fn explicit_windows_are_validated_with_the_field_named() {
        let today = d(2026, 11, 23);
        let q = Period::Daily;
        assert_eq!(resolve_window(q, Some(d(2026, 1, 1)), None, today, 3660).unwrap_err().field, "end_date");
        assert_eq!(resolve_window(q, None, Some(d(2026, 1, 1)), today, 3660).unwrap_err().field, "start_date");
        assert_eq!(
            resolve_window(q, Some(d(2026, 2, 1)), Some(d(2026, 1, 1)), today, 3660).unwrap_err().field,
            "start_date"
        );
        assert!(resolve_window(q, Some(d(2016, 1, 1)), Some(d(2026, 1, 1)), today, 365).is_err());
        let leap = resolve_window(q, Some(d(2024, 2, 1)), Some(d(2024, 2, 29)), today, 3660).unwrap();
        assert_eq!(leap.days(), 29);
        assert_eq!(previous_window(leap), DateRange::new(d(2024, 1, 3), d(2024, 1, 31)).unwrap());
    }
}
