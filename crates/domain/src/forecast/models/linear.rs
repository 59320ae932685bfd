//! The upstream's model: ordinary least squares on the day index.

use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// `y = a + b·t` fitted on `t = 0..n`, extrapolated to `t = n..n+h` (reference §3.6).
#[derive(Clone, Copy, Debug, Default)]
pub struct LinearTrend;

/// Intercept and slope of the least-squares line through `(t, y[t])`.
#[must_use]
pub(crate) fn ols(y: &[f64]) -> (f64, f64) {
    let n = y.len() as f64;
    let t_mean = (n - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - t_mean;
        sxy += dt * (v - y_mean);
        sxx += dt * dt;
    }
    let slope = if sxx == 0.0 { 0.0 } else { sxy / sxx };
    (y_mean - slope * t_mean, slope)
}

impl Forecaster for LinearTrend {
    fn kind(&self) -> ModelKind {
        ModelKind::Linear
    }

    fn min_history(&self, _season: usize) -> usize {
        2
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let y = input.history;
        let n = y.len();
        if n < 2 {
            return Err(ForecastError::NotEnoughHistory { needed: 2, got: n });
        }
        let (a, b) = ols(y);
        let residual = |t: usize| y[t] - (a + b * t as f64);
        let dof = (n as f64 - 2.0).max(1.0);
        let s = ((0..n).map(|t| residual(t).powi(2)).sum::<f64>() / dof).sqrt();
        let t_mean = (n as f64 - 1.0) / 2.0;
        let sxx: f64 = (0..n).map(|t| (t as f64 - t_mean).powi(2)).sum();
        let points = (n..n + input.horizon).map(|t| a + b * t as f64).collect();
        let sigma = (n..n + input.horizon)
            .map(|t| s * (1.0 + 1.0 / n as f64 + (t as f64 - t_mean).powi(2) / sxx.max(f64::EPSILON)).sqrt())
            .collect();
        Ok(Prediction { points, sigma })
    }
}
