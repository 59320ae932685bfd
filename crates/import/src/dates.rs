//! Sale dates: ISO (`2025-03-01`, with an optional time), slashed day/month or month/day orders
//! (decided by an explicit format or sniffed over the whole column), and Excel serial numbers.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::cell::Cell;

/// The order of a slashed date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// `YYYY-MM-DD`.
    Iso,
    /// `DD/MM/YYYY`.
    Dmy,
    /// `MM/DD/YYYY`.
    Mdy,
}

impl DateFormat {
    /// Accepts the dashboard's `iso`/`dmy`/`mdy` and the spelled-out patterns.
    ///
    /// # Errors
    /// The input back when it is none of them.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "iso" | "ymd" | "yyyy-mm-dd" => Ok(Self::Iso),
            "dmy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "dd-mm-yyyy" => Ok(Self::Dmy),
            "mdy" | "mm/dd/yyyy" => Ok(Self::Mdy),
            _ => Err(raw.to_owned()),
        }
    }

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Iso => "iso",
            Self::Dmy => "dmy",
            Self::Mdy => "mdy",
        }
    }
}

/// A date cell as far as it can be read without knowing the column's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawDate {
    Known(NaiveDateTime),
    /// `a/b/year`: which of `a` and `b` is the day depends on the column.
    Slashed {
        a: u32,
        b: u32,
        year: i32,
        time: NaiveTime,
    },
}

/// Excel's day 0 in the 1900 system, shifted by its fictitious 29 February 1900.
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN)
}

/// Serial numbers between 1900-03-01 (61) and 9999-12-31.
pub(crate) fn from_serial(serial: f64) -> Option<NaiveDateTime> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.trunc();
    let seconds = ((serial - days) * 86_400.0).round() as u32;
    let date = excel_epoch().checked_add_days(Days::new(days as u64))?;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)?;
    Some(date.and_time(time))
}

/// Reads one cell of the date column. `None`: not a date at all.
pub(crate) fn read(cell: &Cell<'_>) -> Option<RawDate> {
    match cell {
        Cell::DateTime(at) => Some(RawDate::Known(*at)),
        Cell::Int(i) => from_serial(*i as f64).map(RawDate::Known),
        Cell::Float(f) => from_serial(*f).map(RawDate::Known),
        Cell::Text(t) => read_text(t.trim()),
        _ => None,
    }
}

fn read_text(text: &str) -> Option<RawDate> {
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], read_time(text[at + 1..].trim())?),
        None => (text, NaiveTime::MIN),
    };
    let mut parts = date.split(['-', '/', '.']);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || [first, second, third].iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if first.len() == 4 {
        let day = NaiveDate::from_ymd_opt(first.parse().ok()?, second.parse().ok()?, third.parse().ok()?)?;
        return Some(RawDate::Known(day.and_time(time)));
    }
    if third.len() != 4 || first.len() > 2 || second.len() > 2 {
        return None;
    }
    Some(RawDate::Slashed { a: first.parse().ok()?, b: second.parse().ok()?, year: third.parse().ok()?, time })
}

fn read_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim_end_matches('Z');
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"].iter().find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

impl RawDate {
    /// The date under `format` (`Iso` accepts only ISO dates).
    pub(crate) fn resolve(self, format: Option<DateFormat>) -> Option<NaiveDateTime> {
        match self {
            Self::Known(at) => Some(at),
            Self::Slashed { a, b, year, time } => {
                let (day, month) = match format? {
                    DateFormat::Dmy => (a, b),
                    DateFormat::Mdy => (b, a),
                    DateFormat::Iso => return None,
                };
                NaiveDate::from_ymd_opt(year, month, day).map(|d| d.and_time(time))
            }
        }
    }
}

/// Evidence gathered over the column: the first row that only fits each order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct OrderEvidence {
    pub(crate) day_first: Option<u32>,
    pub(crate) month_first: Option<u32>,
    /// The first row whose slashed date reads two different ways.
    pub(crate) ambiguous: Option<u32>,
}

impl OrderEvidence {
    pub(crate) fn observe(&mut self, row: u32, date: RawDate) {
        if let RawDate::Slashed { a, b, .. } = date {
            if a > 12 && b <= 12 {
                self.day_first.get_or_insert(row);
            } else if b > 12 && a <= 12 {
                self.month_first.get_or_insert(row);
            } else if a != b && a <= 12 && b <= 12 {
                self.ambiguous.get_or_insert(row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_time(NaiveTime::MIN)
    }

    fn text(s: &str) -> Option<RawDate> {
        read(&Cell::Text(Cow::Borrowed(s)))
    }

    #[test]
    fn reads_iso_slashed_and_serial_dates() {
        assert_eq!(text("2025-03-01"), Some(RawDate::Known(day(2025, 3, 1))));
        assert_eq!(
            text("2025-03-01T14:30:00").and_then(|d| d.resolve(None)),
            Some(day(2025, 3, 1).date().and_hms_opt(14, 30, 0).unwrap())
        );
        let slashed = text("03/04/2025").unwrap();
        assert_eq!(slashed.resolve(Some(DateFormat::Dmy)), Some(day(2025, 4, 3)));
        assert_eq!(slashed.resolve(Some(DateFormat::Mdy)), Some(day(2025, 3, 4)));
        assert_eq!(slashed.resolve(None), None);
        assert_eq!(text("31/02/2025").unwrap().resolve(Some(DateFormat::Dmy)), None);
        assert_eq!(text("2025-02-30"), None);
        assert_eq!(text("3/4/25"), None);
        assert_eq!(text("tomorrow"), None);
        assert_eq!(read(&Cell::Int(45_658)), Some(RawDate::Known(day(2025, 1, 1))));
        assert_eq!(
            read(&Cell::Float(45_658.5)).and_then(|d| d.resolve(None)),
            Some(day(2025, 1, 1).date().and_hms_opt(12, 0, 0).unwrap())
        );
        assert_eq!(read(&Cell::Int(-5)), None);
    }

    #[test]
    fn sniffs_the_order_from_unambiguous_rows() {
        let mut evidence = OrderEvidence::default();
        evidence.observe(2, text("01/02/2025").unwrap());
        evidence.observe(3, text("25/02/2025").unwrap());
        evidence.observe(4, text("05/05/2025").unwrap());
        assert_eq!(evidence, OrderEvidence { day_first: Some(3), month_first: None, ambiguous: Some(2) });
    }
}
