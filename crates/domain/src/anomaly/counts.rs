//! The robust detector for counts (units sold): the same seasonal baselines and robust scales,
//! judged on variance-stabilised values.
//!
//! Units are over-dispersed counts whose noise grows with the level (a slow mover selling 3
//! instead of 1 is ordinary; a best seller selling 300 instead of 100 is not). A MAD scale on
//! the raw units of a slow mover is tiny, so ordinary days read as |z| ≈ 4. On Anscombe's
//! 2·√(x + 3/8), Poisson noise has a spread of about 1 at every level, so one threshold fits
//! every product. The scale never goes below √φ, the dispersion measured from same-season
//! differences (at least 1, Poisson's), so a run of identical days cannot make the next
//! ordinary day look anomalous. Values and baselines are reported back in units.

use super::robust::explain;
use super::scale::median;
use super::{Anomaly, AnomalyConfig, AnomalyLabel, detect_robust, point_scores};

/// Anscombe's variance-stabilising transform of Poisson counts: 2·√(x + 3/8).
#[must_use]
pub fn anscombe(x: f64) -> f64 {
    2.0 * (x.max(0.0) + 0.375).sqrt()
}

/// The (algebraic) inverse of [`anscombe`], clamped at zero.
fn units(y: f64) -> f64 {
    ((y / 2.0).powi(2) - 0.375).max(0.0)
}

/// The configuration on the stabilised scale: the floor is √φ, nothing relative to the level.
fn stabilised(values: &[f64], config: &AnomalyConfig) -> AnomalyConfig {
    let step = config.season.max(1);
    let mut diffs: Vec<f64> = values.windows(step + 1).map(|w| (w[step] - w[0]).abs()).collect();
    // A same-season difference of two values with dispersion φ has variance 2φ.
    let phi = ((1.4826 * median(&mut diffs)).powi(2) / 2.0).max(1.0);
    AnomalyConfig { min_scale: phi.sqrt(), min_relative_scale: 0.0, ..*config }
}

/// Anomalies of daily counts; `skip` as for [`detect_robust`]. Values and `expected` are in
/// units; labels follow the raw value (a zero day is `ZERO_DROP`).
#[must_use]
pub fn detect_counts(counts: &[f64], config: &AnomalyConfig, skip: Option<&[bool]>) -> Vec<Anomaly> {
    let values: Vec<f64> = counts.iter().map(|c| anscombe(*c)).collect();
    let config = stabilised(&values, config);
    detect_robust(&values, &config, skip)
        .into_iter()
        .map(|a| {
            let (value, expected) = (counts[a.index], units(a.expected));
            let label =
                if a.label == AnomalyLabel::LevelShift { a.label } else { AnomalyLabel::classify(value, a.score) };
            Anomaly { value, expected, label, explanation: explain(label, value, expected), ..a }
        })
        .collect()
}

/// Per-point scores in 0..1 of daily counts, as [`point_scores`] on the stabilised values.
#[must_use]
pub fn count_scores(counts: &[f64], config: &AnomalyConfig) -> Vec<f64> {
    let values: Vec<f64> = counts.iter().map(|c| anscombe(*c)).collect();
    point_scores(&values, &stabilised(&values, config))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    /// A slow mover: 1 unit a day, now and then 3 or none.
    fn slow_mover(days: usize) -> Vec<f64> {
        (0..days)
            .map(|t| {
                if t % 17 == 5 {
                    3.0
                } else if t % 13 == 4 {
                    0.0
                } else {
                    1.0
                }
            })
            .collect()
    }

    #[test]
    fn ordinary_days_of_a_slow_mover_are_not_anomalies() {
        let values = slow_mover(120);
        let config = AnomalyConfig::default();
        assert!(
            !detect_robust(&values, &config, None).is_empty(),
            "the raw detector flags ordinary days (the reason counts are stabilised)"
        );
        assert_eq!(detect_counts(&values, &config, None), Vec::new());
    }

    #[test]
    fn spikes_and_zero_days_are_found_and_reported_in_units() {
        let mut values: Vec<f64> = (0..84).map(|t| 40.0 + [0.0, 3.0, -4.0, 5.0, -2.0, 6.0, -5.0][t % 7]).collect();
        values[50] = 160.0;
        values[60] = 0.0;
        let found = detect_counts(&values, &AnomalyConfig::default(), None);
        assert_eq!(found.iter().map(|a| a.index).collect::<Vec<_>>(), vec![50, 60], "{found:?}");
        let (spike, zero) = (&found[0], &found[1]);
        assert_eq!((spike.label, spike.value), (AnomalyLabel::HighSpike, 160.0));
        assert!((spike.expected - values[43]).abs() < 8.0, "expected in units: {}", spike.expected);
        assert_eq!((zero.label, zero.value, zero.severity), (AnomalyLabel::ZeroDrop, 0.0, Severity::High));
        assert!(zero.explanation.contains("Observed 0.00"), "{}", zero.explanation);
    }

    #[test]
    fn the_floor_is_at_least_poisson_and_scores_are_in_range() {
        let constant = vec![5.0; 60];
        let mut bumped = constant.clone();
        bumped[40] = 9.0;
        assert!(detect_counts(&bumped, &AnomalyConfig::default(), None).is_empty(), "5 → 9 is Poisson noise");
        let scores = count_scores(&bumped, &AnomalyConfig::default());
        assert!(scores.iter().all(|s| (0.0..1.0).contains(s)) && scores[40] > 0.0, "{scores:?}");
        assert!((units(anscombe(7.0)) - 7.0).abs() < 1e-12);
    }
}
