//! Anomaly detection on constructed series: labels, severities, level shifts, causality.

use domain::Severity;
use domain::anomaly::{AnomalyConfig, AnomalyLabel, detect_robust, point_scores};
use proptest::prelude::*;

/// Eight weeks of a weekly pattern with a little deterministic noise.
fn weeks(n_weeks: usize) -> Vec<f64> {
    let week = [100.0, 105.0, 98.0, 110.0, 130.0, 160.0, 60.0];
    (0..n_weeks * 7).map(|t| week[t % 7] + [3.0, -2.0, 1.0, -4.0, 2.0][t % 5]).collect()
}

#[test]
fn spikes_zero_days_drops_and_level_shifts_are_labelled() {
    let mut v = weeks(10);
    v[30] = 400.0; // a spike on a Wednesday-like day
    v[40] = 0.0; // a till outage
    v[47] = 45.0; // a day at less than half its usual
    for x in &mut v[56..70] {
        *x *= 0.5; // from day 56 on, half the level
    }
    let found = detect_robust(&v, &AnomalyConfig::default(), None);
    let got: Vec<_> = found.iter().map(|a| (a.index, a.label)).collect();
    assert!(got.contains(&(30, AnomalyLabel::HighSpike)), "{got:?}");
    assert!(got.contains(&(40, AnomalyLabel::ZeroDrop)), "{got:?}");
    assert!(got.contains(&(47, AnomalyLabel::VarianceShift)), "{got:?}");
    assert!(got.iter().any(|(i, l)| *l == AnomalyLabel::LevelShift && (56..=58).contains(i)), "{got:?}");
    assert_eq!(got.iter().filter(|(i, _)| *i > 58).count(), 0, "a level shift is one event, not fourteen: {got:?}");
    let spike = found.iter().find(|a| a.index == 30).unwrap();
    assert_eq!(spike.severity, Severity::High);
    assert!((spike.expected - 101.0).abs() < 8.0, "{}", spike.expected);
    assert!(spike.explanation.contains("spike"));
}

#[test]
fn quiet_series_short_series_and_skipped_days_raise_nothing() {
    assert!(detect_robust(&weeks(8), &AnomalyConfig::default(), None).is_empty());
    let mut short = weeks(1);
    short[3] = 900.0;
    assert!(detect_robust(&short, &AnomalyConfig::default(), None).is_empty(), "below min_history");
    let mut closed = weeks(8);
    closed[35] = 0.0;
    let mut skip = vec![false; closed.len()];
    skip[35] = true;
    assert!(detect_robust(&closed, &AnomalyConfig::default(), Some(&skip)).is_empty(), "a known closing day");
    assert!(!detect_robust(&closed, &AnomalyConfig::default(), None).is_empty());
}

#[test]
fn severity_grows_with_the_deviation() {
    let config = AnomalyConfig::default();
    let severity_of = |value: f64| {
        let mut v = weeks(8);
        v[30] = value;
        detect_robust(&v, &config, None).into_iter().find(|a| a.index == 30).map(|a| a.severity)
    };
    let (low, medium, high) = (severity_of(128.0), severity_of(137.0), severity_of(300.0));
    assert_eq!(high, Some(Severity::High));
    assert!(low.is_none() || low < medium, "{low:?} {medium:?}");
    assert!(medium <= high);
}

proptest! {
    #[test]
    fn causal_verdicts_do_not_depend_on_the_future(values in prop::collection::vec(0.0..200.0_f64, 30..90), cut in 20..30_usize) {
        let config = AnomalyConfig { causal: true, ..AnomalyConfig::default() };
        let full = point_scores(&values, &config);
        let prefix = point_scores(&values[..cut], &config);
        for t in 0..cut {
            prop_assert!((full[t] - prefix[t]).abs() < 1e-12, "score at {} changed with the future", t);
        }
    }
}
