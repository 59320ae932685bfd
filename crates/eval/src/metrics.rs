//! The M4 error measures exactly as the M4 rules define them (Makridakis et al., 2020, and the
//! competition's R code), plus interval coverage.
//!
//! * sMAPE of a forecast = mean over the horizon of 200·|y − ŷ| / (|y| + |ŷ|);
//! * MASE of a forecast = mean |y − ŷ| over the horizon ÷ the in-sample MAE of the seasonal naive
//!   with period m (mean |x_t − x_{t−m}| over the training part);
//! * both are averaged over series first; OWA = ½ (sMAPE / sMAPE of Naive2 + MASE / MASE of
//!   Naive2), computed on those means (not per series).

/// sMAPE of one forecast, in percent. A term where actual and forecast are both 0 counts as 0
/// (the M4 R code would produce NaN there; M4 Hourly has no zeros, the retail series does).
#[must_use]
pub fn smape(actual: &[f64], forecast: &[f64]) -> f64 {
    let terms = actual.iter().zip(forecast).map(|(y, f)| {
        let d = y.abs() + f.abs();
        if d == 0.0 { 0.0 } else { 200.0 * (y - f).abs() / d }
    });
    mean(terms)
}

/// The MASE scale: in-sample MAE of the seasonal naive with period `m`. Unlike the forecasting
/// code's `mase_scale`, no fallback: M4 series are longer than a season and never constant.
#[must_use]
pub fn seasonal_naive_mae(train: &[f64], m: usize) -> f64 {
    mean((m..train.len()).map(|t| (train[t] - train[t - m]).abs()))
}

/// MASE of one forecast.
#[must_use]
pub fn mase(train: &[f64], actual: &[f64], forecast: &[f64], m: usize) -> f64 {
    mean(actual.iter().zip(forecast).map(|(y, f)| (y - f).abs())) / seasonal_naive_mae(train, m)
}

/// Mean of the values (NaN for none, so an empty evaluation cannot pass for a perfect one).
#[must_use]
pub fn mean(values: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, n) = values.into_iter().fold((0.0, 0_usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { f64::NAN } else { sum / n as f64 }
}

/// Mean sMAPE and mean MASE over a set of series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accuracy {
    pub smape: f64,
    pub mase: f64,
}

impl Accuracy {
    /// The means of per-series (sMAPE, MASE) pairs.
    #[must_use]
    pub fn of(per_series: &[(f64, f64)]) -> Self {
        Self { smape: mean(per_series.iter().map(|p| p.0)), mase: mean(per_series.iter().map(|p| p.1)) }
    }

    /// Overall weighted average relative to Naive2 (1 = as good as Naive2, lower is better).
    #[must_use]
    pub fn owa(&self, naive2: &Self) -> f64 {
        0.5 * (self.smape / naive2.smape + self.mase / naive2.mase)
    }

    /// OWA as the published M4 table computes it: from sMAPE and MASE rounded to 3 decimals
    /// (the unrounded OWA of the official sNaive on Hourly is 0.627503; the table says 0.627454).
    #[must_use]
    pub fn owa_published(&self, naive2: &Self) -> f64 {
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        let rounded = |a: &Self| Self { smape: r(a.smape), mase: r(a.mase) };
        rounded(self).owa(&rounded(naive2))
    }
}

/// How many actual values fall within `[lower, upper]` (bounds inclusive), and out of how many.
#[must_use]
pub fn covered(actual: &[f64], lower: &[f64], upper: &[f64]) -> (usize, usize) {
    let hits = actual.iter().zip(lower.iter().zip(upper)).filter(|(y, (lo, hi))| *lo <= *y && *y <= *hi).count();
    (hits, actual.len().min(lower.len()).min(upper.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn smape_is_the_m4_definition() {
        // 200·10/210 = 9.5238…, 200·20/380 = 10.5263…, mean 10.0251…
        assert!(close(smape(&[100.0, 200.0], &[110.0, 180.0]), 10.025_063, 1e-6));
        // Symmetric in actual and forecast, 200 when one side is zero, 0 when both are.
        assert!(close(smape(&[110.0, 180.0], &[100.0, 200.0]), 10.025_063, 1e-6));
        assert_eq!(smape(&[0.0, 5.0], &[0.0, 0.0]), 100.0);
        assert!(smape(&[], &[]).is_nan());
    }

    #[test]
    fn mase_scales_by_the_in_sample_seasonal_naive() {
        // m = 2: |3−1| + |2−2| + |5−3| + |4−2| = 6 over 4 differences → scale 1.5.
        let train = [1.0, 2.0, 3.0, 2.0, 5.0, 4.0];
        assert!(close(seasonal_naive_mae(&train, 2), 1.5, 1e-12));
        // Errors 1 and 2 → MAE 1.5 → MASE 1.
        assert!(close(mase(&train, &[5.0, 6.0], &[4.0, 4.0], 2), 1.0, 1e-12));
        // Same scale as the forecasting code's when a season fits and the series is not flat.
        assert!(close(seasonal_naive_mae(&train, 2), domain::forecast::mase_scale(&train, 2), 1e-12));
    }

    #[test]
    fn owa_is_relative_to_naive2_on_the_means() {
        let naive2 = Accuracy::of(&[(20.0, 2.0), (16.766, 2.79)]);
        assert!(close(naive2.smape, 18.383, 1e-9) && close(naive2.mase, 2.395, 1e-9));
        assert!(close(naive2.owa(&naive2), 1.0, 1e-12));
        // The published M4 Hourly sNaive numbers give its published OWA (0.627454) …
        let snaive = Accuracy { smape: 13.912, mase: 1.193 };
        assert!(close(snaive.owa(&Accuracy { smape: 18.383, mase: 2.395 }), 0.627_454, 5e-7));
        // … which the table computed from values rounded to 3 decimals.
        let exact = Accuracy { smape: 13.912_272_9, mase: 1.193_210_2 };
        let naive2_exact = Accuracy { smape: 18.382_878_1, mase: 2.395_040_0 };
        assert!(close(exact.owa(&naive2_exact), 0.627_503, 5e-7));
        assert!(close(exact.owa_published(&naive2_exact), 0.627_454, 5e-7));
    }

    #[test]
    fn coverage_counts_inclusive_bounds() {
        assert_eq!(covered(&[1.0, 2.0, 3.0, 9.0], &[1.0, 0.0, 3.5, 0.0], &[1.0, 5.0, 4.0, 8.0]), (2, 4));
    }
}
