//! When a schedule fires: a 5-field cron expression read in an IANA time zone.
//!
//! Expressions are POSIX cron (minute hour day-of-month month day-of-week, with ranges, lists,
//! steps, names and `@daily`-style nicknames); a seconds field is refused, so nothing can fire
//! more than once a minute. Daylight-saving gaps and folds are handled by `croner`: a 02:30 tick
//! on a day without 02:30 runs at the first valid instant after it, and a repeated hour fires once.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

/// A parsed timetable.
#[derive(Clone, Debug)]
pub struct Timing {
    cron: Cron,
    expression: String,
    zone: Tz,
}

/// Why a timetable was refused; `field` names the request field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TimingError {
    pub field: &'static str,
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> TimingError {
    TimingError { field, message: message.into() }
}

/// The IANA zone named `raw`.
///
/// # Errors
/// `timezone` when no such zone exists.
pub(crate) fn zone(raw: &str) -> Result<Tz, TimingError> {
    Tz::from_str(raw.trim())
        .map_err(|_| invalid("timezone", format!("unknown time zone {raw:?} (use an IANA name such as Europe/Paris)")))
}

impl Timing {
    /// A cron expression in `timezone`.
    ///
    /// # Errors
    /// `cron` for an expression that does not parse (or has a seconds field), `timezone` for an
    /// unknown zone.
    pub fn cron(expression: &str, timezone: &str) -> Result<Self, TimingError> {
        let zone = zone(timezone)?;
        let expression = expression.split_whitespace().collect::<Vec<_>>().join(" ");
        let parser = CronParser::builder().seconds(Seconds::Disallowed).year(Year::Disallowed).build();
        let cron = parser
            .parse(&expression)
            .map_err(|e| invalid("cron", format!("invalid cron expression {expression:?}: {e}")))?;
        let timing = Self { cron, expression, zone };
        // A valid-looking expression may never match (30 February): refuse it now, not at run time.
        if timing.next_after(reference_instant()).is_none() {
            return Err(invalid("cron", format!("the cron expression {:?} never fires", timing.expression)));
        }
        Ok(timing)
    }

    /// Every day at `hour:minute` in `timezone`.
    ///
    /// # Errors
    /// `hour` outside 0–23, `minute` outside 0–59, `timezone` for an unknown zone.
    pub fn daily(hour: i64, minute: i64, timezone: &str) -> Result<Self, TimingError> {
        if !(0..=23).contains(&hour) {
            return Err(invalid("hour", format!("hour must be between 0 and 23, not {hour}")));
        }
        if !(0..=59).contains(&minute) {
            return Err(invalid("minute", format!("minute must be between 0 and 59, not {minute}")));
        }
        Self::cron(&format!("{minute} {hour} * * *"), timezone)
    }

    /// The expression as stored (whitespace normalised).
    #[must_use]
    pub fn expression(&self) -> &str {
        &self.expression
    }

    #[must_use]
    pub fn timezone(&self) -> &str {
        self.zone.name()
    }

    /// The latest tick at or before `now`.
    #[must_use]
    pub fn latest_at_or_before(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&self.zone);
        self.cron.find_previous_occurrence(&local, true).ok().map(|t| t.with_timezone(&Utc))
    }

    /// The first tick after `now`.
    #[must_use]
    pub fn next_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&self.zone);
        self.cron.find_next_occurrence(&local, false).ok().map(|t| t.with_timezone(&Utc))
    }
}

/// Time is a port, so validation has no clock: proving that an expression fires at all needs
/// only *some* reference instant (2026-01-01T00:00:00Z; any tick repeats within 28 years).
fn reference_instant() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
    }

    #[test]
    fn daily_ticks_follow_the_zone_across_dst() {
        let t = Timing::daily(7, 30, "Europe/Paris").unwrap();
        assert_eq!(t.expression(), "30 7 * * *");
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(t.latest_at_or_before(utc(2026, 12, 1, 8, 0)), Some(utc(2026, 12, 1, 6, 30)));
        assert_eq!(t.latest_at_or_before(utc(2026, 7, 1, 5, 0)), Some(utc(2026, 6, 30, 5, 30)));
        assert_eq!(t.latest_at_or_before(utc(2026, 7, 1, 6, 0)), Some(utc(2026, 7, 1, 5, 30)));
        assert_eq!(t.next_after(utc(2026, 7, 1, 6, 0)), Some(utc(2026, 7, 2, 5, 30)));
        // Inclusive: exactly on the tick is that tick.
        assert_eq!(t.latest_at_or_before(utc(2026, 12, 1, 6, 30)), Some(utc(2026, 12, 1, 6, 30)));
    }

    #[test]
    fn cron_expressions_with_ranges_and_names() {
        let t = Timing::cron("0  6 * *  MON-FRI", "UTC").unwrap();
        assert_eq!(t.expression(), "0 6 * * MON-FRI");
        // 2026-12-05 is a Saturday: the latest weekday tick is Friday.
        assert_eq!(t.latest_at_or_before(utc(2026, 12, 6, 12, 0)), Some(utc(2026, 12, 4, 6, 0)));
        assert!(Timing::cron("@daily", "Asia/Shanghai").is_ok());
    }

    #[test]
    fn invalid_input_names_its_field() {
        let field = |r: Result<Timing, TimingError>| r.unwrap_err().field;
        assert_eq!(field(Timing::daily(25, 0, "UTC")), "hour");
        assert_eq!(field(Timing::daily(-1, 0, "UTC")), "hour");
        assert_eq!(field(Timing::daily(6, 60, "UTC")), "minute");
        assert_eq!(field(Timing::daily(6, 0, "Mars/Olympus")), "timezone");
        for bad in ["", "not cron", "61 * * * *", "* * * *", "0 0 6 * * *", "0 0 30 2 *"] {
            assert_eq!(field(Timing::cron(bad, "UTC")), "cron", "{bad:?}");
        }
    }
}
