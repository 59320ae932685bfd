//! Java's date-times, as the shop's local wall-clock time.
//!
//! Java's `LocalDateTime` has no zone and already is shop-local time; a zoned value (an
//! `Instant` or an offset date-time) is converted to the shop's zone so that both end up on the
//! same scale as `Clock::now_local`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

/// Zone-less layouts, tried in order after the zoned ones. `%.f` also matches no fraction.
const LOCAL_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"];

/// Parses `2025-12-13T14:30:00[.123456]`, the same with a space instead of `T`, a date alone
/// (midnight), or any of those with `Z` or `±hh:mm`. `None` when nothing fits.
pub(crate) fn parse_local(raw: &str, zone: Tz) -> Option<NaiveDateTime> {
    let text = with_t_separator(raw.trim());
    if let Ok(zoned) = DateTime::parse_from_rfc3339(&text) {
        return Some(zoned.with_timezone(&zone).naive_local());
    }
    if let Ok(zoned) = DateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f%#z") {
        return Some(zoned.with_timezone(&zone).naive_local());
    }
    LOCAL_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&text, format).ok())
        .or_else(|| parse_day(&text).map(|day| day.and_time(NaiveTime::MIN)))
}

/// A `yyyy-MM-dd` calendar date.
pub(crate) fn parse_day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// ISO local date-time as Java's `LocalDateTime` parser expects it; the fraction only when set.
pub(crate) fn format_local(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

/// `2025-12-13 14:30:00` → `2025-12-13T14:30:00`, so one set of layouts covers both.
fn with_t_separator(text: &str) -> String {
    let mut owned = text.to_owned();
    if owned.len() > 10 && owned.is_char_boundary(10) && owned.is_char_boundary(11) && &owned[10..11] == " " {
        owned.replace_range(10..11, "T");
    }
    owned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").unwrap()
    }

    #[test]
    fn accepts_every_layout_java_emits() {
        let zone = chrono_tz::Europe::Paris;
        let cases = [
            ("2025-12-13T14:30:00", "2025-12-13 14:30:00"),
            ("2025-12-13T14:30:00.123456", "2025-12-13 14:30:00.123456"),
            ("2025-12-13 14:30:00", "2025-12-13 14:30:00"),
            ("2025-12-13T14:30", "2025-12-13 14:30:00"),
            ("2025-12-13", "2025-12-13 00:00:00"),
            ("2025-12-13T13:30:00Z", "2025-12-13 14:30:00"),
            ("2025-12-13T13:30:00.5Z", "2025-12-13 14:30:00.5"),
            ("2025-12-13T14:30:00+01:00", "2025-12-13 14:30:00"),
            ("2025-12-13 18:30:00+05:00", "2025-12-13 14:30:00"),
            ("2025-07-13T12:30:00Z", "2025-07-13 14:30:00"),
            ("  2025-12-13T14:30:00  ", "2025-12-13 14:30:00"),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_local(raw, zone), Some(at(expected)), "{raw}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for raw in ["", "yesterday", "13/12/2025", "2025-13-01T00:00:00", "2025-12-13T25:00:00", "2025-12-13Té"] {
            assert_eq!(parse_local(raw, chrono_tz::UTC), None, "{raw}");
        }
    }

    #[test]
    fn formats_without_a_zero_fraction() {
        assert_eq!(format_local(at("2026-11-20 10:00:00")), "2026-11-20T10:00:00");
        assert_eq!(format_local(at("2026-11-20 10:00:00.250")), "2026-11-20T10:00:00.250");
    }
}
