//! Intermittent demand: Croston's method and its bias-corrected variant (Syntetos–Boylan).

use super::rms;
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// Smoothing constant of sizes and intervals (the value Croston recommends for sparse data).
const ALPHA: f64 = 0.1;

/// Smoothed demand size ÷ smoothed interval, and the in-sample errors of that path.
fn croston(y: &[f64]) -> Option<(f64, f64)> {
    let first = y.iter().position(|v| *v > 0.0)?;
    let (mut size, mut interval, mut since) = (y[first], (first + 1) as f64, 0.0);
    let mut errors = Vec::with_capacity(y.len());
    for v in &y[first + 1..] {
        since += 1.0;
        errors.push(v - size / interval);
        if *v > 0.0 {
            size += ALPHA * (v - size);
            interval += ALPHA * (since - interval);
            since = 0.0;
        }
    }
    Some((size / interval, rms(errors.into_iter())))
}

fn predict(input: &ForecastInput<'_>, factor: f64) -> Result<Prediction, ForecastError> {
    let n = input.history.len();
    if n < 3 {
        return Err(ForecastError::NotEnoughHistory { needed: 3, got: n });
    }
    let (rate, sigma) = croston(input.history).unwrap_or((0.0, 0.0));
    Ok(Prediction { points: vec![rate * factor; input.horizon], sigma: vec![sigma; input.horizon] })
}

/// Croston (1972).
#[derive(Clone, Copy, Debug, Default)]
pub struct Croston;

impl Forecaster for Croston {
    fn kind(&self) -> ModelKind {
        ModelKind::Croston
    }

    fn min_history(&self, _season: usize) -> usize {
        3
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        predict(input, 1.0)
    }
}

/// Syntetos–Boylan approximation: Croston × (1 − α/2), removing its known upward bias.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sba;

impl Forecaster for Sba {
    fn kind(&self) -> ModelKind {
        ModelKind::Sba
    }

    fn min_history(&self, _season: usize) -> usize {
        3
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        predict(input, 1.0 - ALPHA / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn croston_rate_by_hand() {
        // Demands of 4 every 4th day: the rate converges to 1 a day.
        let y: Vec<f64> = (0..200).map(|t| if t % 4 == 3 { 4.0 } else { 0.0 }).collect();
        let (rate, _) = croston(&y).unwrap();
        assert!((rate - 1.0).abs() < 0.01, "{rate}");
        assert_eq!(croston(&[0.0, 0.0]), None);
    }
}
