//! Closed days and pooling: a weekday that is always zero and calendar closures are forecast as
//! zero without dragging the level of open days down; `auto` pools near-equal candidates.

use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast};

/// 20 weeks of a shop open six days (closed on the 7th), 100 a day with a weekly pattern.
fn six_day_week() -> Vec<f64> {
    let week = [90.0, 95.0, 100.0, 105.0, 120.0, 140.0, 0.0];
    let noise = |t: usize| f64::from(u8::try_from(t % 5).expect("small")) - 2.0;
    (0..140).map(|t| if t % 7 == 6 { 0.0 } else { week[t % 7] + noise(t) }).collect()
}

#[test]
fn a_weekday_that_is_always_closed_is_forecast_as_zero_with_a_zero_width_band() {
    let history = six_day_week();
    let f = forecast(
        &ForecastInput { history: &history, season: 7, horizon: 14, holidays: None },
        &ForecastOptions::default(),
    )
    .expect("forecast");
    for (h, point) in f.points.iter().enumerate() {
        let closed = (history.len() + h) % 7 == 6;
        if closed {
            assert_eq!((*point, f.interval95.lower[h], f.interval95.upper[h]), (0.0, 0.0, 0.0), "day {h}");
        } else {
            let expected = [90.0, 95.0, 100.0, 105.0, 120.0, 140.0][(history.len() + h) % 7];
            assert!((point - expected).abs() < 8.0, "day {h}: {point} vs {expected}");
            assert!(f.interval80.lower[h] < *point && *point < f.interval80.upper[h], "day {h}");
        }
    }
}

#[test]
fn calendar_closures_are_zero_in_the_forecast_and_repaired_in_the_history() {
    let history: Vec<f64> = (0..120).map(|t| 100.0 + f64::from(u8::try_from(t % 3).expect("small"))).collect();
    let horizon = 10;
    // Closed on day 100 (in the history: sold nothing) and on the 3rd forecast day.
    let mut holidays = vec![false; history.len() + horizon];
    holidays[100] = true;
    holidays[history.len() + 2] = true;
    let mut with_gap = history.clone();
    with_gap[100] = 0.0;
    let told = ForecastInput { history: &with_gap, season: 7, horizon, holidays: Some(&holidays) };
    let f = forecast(&told, &ForecastOptions::default()).expect("forecast");
    assert_eq!(f.points[2], 0.0);
    for h in [0, 1, 3, 9] {
        assert!((f.points[h] - 101.0).abs() < 2.5, "day {h}: {}", f.points[h]);
    }
    // A lone zero in a series that is otherwise never zero is repaired even without the calendar.
    let untold = ForecastInput { history: &with_gap, season: 7, horizon, holidays: None };
    let g = forecast(&untold, &ForecastOptions { model: ModelKind::Ses, ..ForecastOptions::default() }).expect("ses");
    assert!(g.points.iter().all(|p| (p - 101.0).abs() < 2.5), "{:?}", g.points);
}

#[test]
fn auto_pools_candidates_within_a_fifth_of_the_best_and_reports_them() {
    let history = six_day_week();
    let f = forecast(
        &ForecastInput { history: &history, season: 7, horizon: 14, holidays: None },
        &ForecastOptions::default(),
    )
    .expect("forecast");
    let best = f.candidates.iter().map(|(_, m)| *m).fold(f64::INFINITY, f64::min);
    let within: Vec<ModelKind> = f.candidates.iter().filter(|(_, m)| *m <= best * 1.2).map(|(k, _)| *k).collect();
    if within.len() >= 2 {
        assert_eq!(f.model, ModelKind::Ensemble);
        assert_eq!(f.members, within);
        assert!(f.backtest.is_some(), "the pool is backtested like any model");
    } else {
        assert_eq!(f.members, Vec::<ModelKind>::new());
        assert_eq!(Some(f.model), within.first().copied());
    }
    // Asking for a single strategy never pools.
    let single = forecast(
        &ForecastInput { history: &history, season: 7, horizon: 14, holidays: None },
        &ForecastOptions { model: ModelKind::Theta, ..ForecastOptions::default() },
    )
    .expect("theta");
    assert_eq!((single.model, single.members.len()), (ModelKind::Theta, 0));
    assert_eq!(ModelKind::parse("ensemble"), None, "ensemble is an answer, not a request");
}
