//! Days a shop is closed: a public-holiday calendar, dates closed every year (`MM-DD`) and
//! one-off closures. Forecasts predict zero there and anomaly detection expects zero sales.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// A public-holiday calendar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicHolidays {
    #[default]
    None,
    /// Bank holidays of England and Wales (gov.uk), with the substitute days and the one-off
    /// holidays declared since 1995.
    EnglandAndWales,
}

impl PublicHolidays {
    pub const ALL: [Self; 2] = [Self::None, Self::EnglandAndWales];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::EnglandAndWales => "england_and_wales",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw.trim())
    }

    #[must_use]
    pub fn is_holiday(self, day: NaiveDate) -> bool {
        match self {
            Self::None => false,
            Self::EnglandAndWales => england_and_wales(day.year()).contains(&day),
        }
    }
}

/// Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm).
#[must_use]
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month.unsigned_abs(), day.unsigned_abs()).unwrap_or_default()
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The first `weekday` on or after `from`.
fn next(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// The last `weekday` on or before `until`.
fn last(until: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + until.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    until - Days::new(u64::from(back))
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A month and day.
type MonthDay = (u32, u32);

/// Moved and extra bank holidays (royal events, VE Day): (year, replaced date, replacements).
const SPECIAL: [(i32, Option<MonthDay>, &[MonthDay]); 8] = [
    (1995, Some((5, 1)), &[(5, 8)]),
    (1999, None, &[(12, 31)]),
    (2002, Some((5, 27)), &[(6, 3), (6, 4)]),
    (2011, None, &[(4, 29)]),
    (2012, Some((5, 28)), &[(6, 4), (6, 5)]),
    (2020, Some((5, 4)), &[(5, 8)]),
    (2022, Some((5, 30)), &[(6, 2), (6, 3), (9, 19)]),
    (2023, None, &[(5, 8)]),
];

/// Every bank holiday of England and Wales in `year`.
#[must_use]
pub fn england_and_wales(year: i32) -> Vec<NaiveDate> {
    let easter = easter(year);
    let new_year = date(year, 1, 1);
    let mut days = vec![
        if is_weekend(new_year) { next(new_year, Weekday::Mon) } else { new_year },
        easter - Days::new(2),
        easter + Days::new(1),
        next(date(year, 5, 1), Weekday::Mon),
        last(date(year, 5, 31), Weekday::Mon),
        last(date(year, 8, 31), Weekday::Mon),
    ];
    // Christmas and Boxing Day move to the next weekdays that are not already holidays.
    let (christmas, boxing) = (date(year, 12, 25), date(year, 12, 26));
    match christmas.weekday() {
        Weekday::Sat => days.extend([date(year, 12, 27), date(year, 12, 28)]),
        Weekday::Sun => days.extend([boxing, date(year, 12, 27)]),
        Weekday::Fri => days.extend([christmas, date(year, 12, 28)]),
        _ => days.extend([christmas, boxing]),
    }
    for (y, replaced, added) in SPECIAL {
        if y == year {
            if let Some((m, d)) = replaced {
                days.retain(|day| *day != date(year, m, d));
            }
            days.extend(added.iter().map(|(m, d)| date(year, *m, *d)));
        }
    }
    days.sort_unstable();
    days
}

/// When a shop is closed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopCalendar {
    pub public_holidays: PublicHolidays,
    /// `(month, day)` closed every year.
    pub annual: Vec<(u32, u32)>,
    /// One-off closures.
    pub dates: Vec<NaiveDate>,
}

impl ShopCalendar {
    #[must_use]
    pub fn is_closed(&self, day: NaiveDate) -> bool {
        self.annual.contains(&(day.month(), day.day()))
            || self.dates.contains(&day)
            || self.public_holidays.is_holiday(day)
    }

    /// Closed flags for `days` consecutive days from `start`.
    #[must_use]
    pub fn flags(&self, start: NaiveDate, days: usize) -> Vec<bool> {
        (0..days).map(|i| self.is_closed(start + Days::new(i as u64))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn easter_dates() {
        for (year, day) in [
            (2010, "2010-04-04"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), d(day), "{year}");
        }
    }

    #[test]
    fn england_and_wales_matches_gov_uk() {
        let expect = |year, list: &[&str]| {
            assert_eq!(england_and_wales(year), list.iter().map(|s| d(s)).collect::<Vec<_>>(), "{year}");
        };
        // gov.uk/bank-holidays; 2010 and 2011 have Christmas on a weekend, 2011 the royal wedding.
        expect(
            2010,
            &[
                "2010-01-01",
                "2010-04-02",
                "2010-04-05",
                "2010-05-03",
                "2010-05-31",
                "2010-08-30",
                "2010-12-27",
                "2010-12-28",
            ],
        );
        expect(
            2011,
            &[
                "2011-01-03",
                "2011-04-22",
                "2011-04-25",
                "2011-04-29",
                "2011-05-02",
                "2011-05-30",
                "2011-08-29",
                "2011-12-26",
                "2011-12-27",
            ],
        );
        expect(
            2020,
            &[
                "2020-01-01",
                "2020-04-10",
                "2020-04-13",
                "2020-05-08",
                "2020-05-25",
                "2020-08-31",
                "2020-12-25",
                "2020-12-28",
            ],
        );
        expect(
            2022,
            &[
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27",
            ],
        );
        expect(
            2026,
            &[
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28",
            ],
        );
    }

    #[test]
    fn a_shop_calendar_combines_its_sources() {
        let cal = ShopCalendar {
            public_holidays: PublicHolidays::EnglandAndWales,
            annual: vec![(12, 24)],
            dates: vec![d("2026-07-14")],
        };
        assert!(cal.is_closed(d("2026-12-24")) && cal.is_closed(d("2026-07-14")) && cal.is_closed(d("2026-04-03")));
        assert!(!cal.is_closed(d("2026-04-04")));
        assert_eq!(cal.flags(d("2026-12-23"), 3), [false, true, true]);
        assert_eq!(PublicHolidays::parse("england_and_wales"), Some(PublicHolidays::EnglandAndWales));
        assert_eq!(PublicHolidays::parse("mars"), None);
        assert!(!PublicHolidays::None.is_holiday(d("2026-12-25")));
    }
}
