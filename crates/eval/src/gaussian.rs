//! NAB's `windowedGaussian` baseline detector (numenta/NAB
//! `nab/detectors/gaussian/windowedGaussian_detector.py`), re-implemented so the NAB scorer can be
//! checked end to end against its published score (39.6, standard profile).
//!
//! Each value is scored 1 − Q(|x − mean| / std) against the previous window (Q: the normal tail
//! probability); the window grows to 6400 values, then slides by steps of 100.

/// Values in the window once it is full.
const WINDOW: usize = 6400;
/// The full window moves this many values at a time.
const STEP: usize = 100;

/// erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit); Rust's
/// `f64::erfc` is not stable yet, and this precision is far below what moves a NAB threshold.
#[must_use]
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * poly.exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

/// Mean and population standard deviation (numpy's `std`), 1e-6 instead of 0 as NAB does.
fn stats(window: &[f64]) -> (f64, f64) {
    let n = window.len() as f64;
    let mean = window.iter().sum::<f64>() / n;
    let std = (window.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    (mean, if std == 0.0 { 1e-6 } else { std })
}

/// The detector's anomaly score for every value.
#[must_use]
pub fn windowed_gaussian(values: &[f64]) -> Vec<f64> {
    let mut window: Vec<f64> = Vec::with_capacity(WINDOW + STEP);
    let mut buffer: Vec<f64> = Vec::with_capacity(STEP);
    let (mut mean, mut std) = (0.0, 1.0);
    // While the window grows, Welford's update gives numpy's mean and std (up to rounding) in
    // O(1) instead of recomputing 6400 times.
    let (mut count, mut m2) = (0.0_f64, 0.0_f64);
    let mut out = Vec::with_capacity(values.len());
    for &x in values {
        let score = if window.is_empty() {
            0.0
        } else {
            let z = (x - mean).abs() / std;
            1.0 - 0.5 * erfc(z / std::f64::consts::SQRT_2)
        };
        out.push(score);
        if window.len() < WINDOW {
            window.push(x);
            count += 1.0;
            let delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
            let s = (m2 / count).max(0.0).sqrt();
            std = if s == 0.0 { 1e-6 } else { s };
        } else {
            buffer.push(x);
            if buffer.len() == STEP {
                window.drain(..STEP);
                window.append(&mut buffer);
                (mean, std) = stats(&window);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        for (x, expected) in [(0.0, 1.0), (0.5, 0.479_500_122), (1.0, 0.157_299_207), (2.0, 0.004_677_735)] {
            assert!((erfc(x) - expected).abs() < 1e-7 * expected.max(1e-3), "erfc({x})");
        }
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-7);
    }

    #[test]
    fn scores_grow_with_the_distance_from_the_window_mean() {
        let mut values: Vec<f64> = (0..200).map(|i| f64::from(i % 5)).collect();
        values.push(30.0);
        let scores = windowed_gaussian(&values);
        assert_eq!(scores[0], 0.0, "no window yet");
        assert!(scores[200] > 0.999_999, "{}", scores[200]);
        // Value 2 is about the window's mean (0..4 repeated): z ≈ 0, score ≈ 1 − Q(0) = 0.5.
        assert!((scores[102] - 0.5).abs() < 0.01, "{}", scores[102]);
        let (mean, std) = stats(&[1.0, 2.0, 3.0, 4.0]);
        assert!((mean - 2.5).abs() < 1e-12 && (std - 1.25_f64.sqrt()).abs() < 1e-12);
    }
}
