//! Calendar effects on demand: weekday pattern, yearly seasonality, holidays, promotions.

use chrono::{Datelike, NaiveDate, Weekday};

/// Monday … Sunday demand multipliers: a busy weekend, a quiet Sunday.
const WEEKDAY: [f64; 7] = [0.85, 0.9, 0.95, 1.0, 1.15, 1.35, 0.8];

/// Promotions recur every `PROMO_EVERY` days per category, staggered by category.
const PROMO_EVERY: i64 = 45;
/// Units multiplier during a promotion.
pub(crate) const PROMO_LIFT: f64 = 1.5;
/// Price multiplier during a promotion.
pub(crate) const PROMO_PRICE: f64 = 0.85;

/// Days the shop is closed: New Year's Day, Labour Day, Christmas Day.
#[must_use]
pub(crate) fn is_closed(day: NaiveDate) -> bool {
    matches!((day.month(), day.day()), (1, 1) | (5, 1) | (12, 25))
}

/// The fourth Friday of November.
fn is_black_friday(day: NaiveDate) -> bool {
    day.month() == 11 && day.weekday() == Weekday::Fri && (22..=28).contains(&day.day())
}

/// Multiplier for days with a known holiday effect (1.0 otherwise, 0.0 when closed).
#[must_use]
pub(crate) fn holiday(day: NaiveDate) -> f64 {
    if is_closed(day) {
        return 0.0;
    }
    match (day.month(), day.day()) {
        (12, 24) => 1.6,
        (12, 31) => 1.3,
        (12, 1..=23) => 1.2,
        _ if is_black_friday(day) => 1.8,
        _ => 1.0,
    }
}

#[must_use]
pub(crate) fn weekday(day: NaiveDate) -> f64 {
    WEEKDAY[day.weekday().num_days_from_monday() as usize]
}

/// A gentle yearly wave peaking in early summer (±10 %).
#[must_use]
pub(crate) fn yearly(day: NaiveDate) -> f64 {
    let phase = f64::from(day.ordinal0()) / 365.25 * std::f64::consts::TAU;
    1.0 + 0.1 * (phase - 1.4).sin()
}

/// Whether `category` runs a promotion on `day`; windows last 5–7 days.
#[must_use]
pub(crate) fn promoted(category: usize, day: NaiveDate) -> bool {
    let epoch_day = i64::from(day.num_days_from_ce());
    let offset = (epoch_day + category as i64 * 11).rem_euclid(PROMO_EVERY);
    offset < 5 + (category as i64 % 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn closed_days_and_black_friday() {
        assert_eq!(holiday(d(2025, 12, 25)), 0.0);
        assert_eq!(holiday(d(2025, 11, 28)), 1.8);
        assert_eq!(holiday(d(2025, 11, 21)), 1.0);
        assert_eq!(weekday(d(2026, 11, 21)), 1.35); // a Saturday
    }

    #[test]
    fn each_category_promotes_about_one_week_in_six() {
        let days: Vec<_> = d(2025, 1, 1).iter_days().take(450).collect();
        for c in 0..8 {
            let n = days.iter().filter(|day| promoted(c, **day)).count();
            assert!((45..=75).contains(&n), "category {c}: {n}");
        }
    }
}
