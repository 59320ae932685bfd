//! Rolling-origin backtests and the M4 error measures.

use serde::{Deserialize, Serialize};

use super::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// How a model did on the last `origins` windows of `horizon` steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// Mean absolute scaled error (scale: in-sample seasonal-naive MAE).
    pub mase: f64,
    /// Symmetric MAPE, in percent (M4 definition).
    pub smape: f64,
    pub mae: f64,
    pub origins: usize,
    pub horizon: usize,
}

/// The M4 scale: mean absolute seasonal difference of the training data (lag `m`, or 1 when the
/// series is shorter than a season); never zero.
#[must_use]
pub fn mase_scale(train: &[f64], m: usize) -> f64 {
    let lag = if train.len() > m && m >= 1 { m } else { 1 };
    let diffs: Vec<f64> = (lag..train.len()).map(|t| (train[t] - train[t - lag]).abs()).collect();
    let scale = if diffs.is_empty() { 0.0 } else { diffs.iter().sum::<f64>() / diffs.len() as f64 };
    if scale > 0.0 {
        scale
    } else {
        train.iter().map(|v| v.abs()).sum::<f64>() / train.len().max(1) as f64 + f64::EPSILON
    }
}

/// sMAPE in percent, as M4 computes it (200·|e| / (|y| + |ŷ|), 0 when both are 0).
#[must_use]
pub fn smape(actual: &[f64], forecast: &[f64]) -> f64 {
    let terms: Vec<f64> = actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| {
            let d = a.abs() + f.abs();
            if d == 0.0 { 0.0 } else { 200.0 * (a - f).abs() / d }
        })
        .collect();
    terms.iter().sum::<f64>() / terms.len().max(1) as f64
}

/// One backtest window: its origin and every candidate's prediction from it.
pub(crate) struct Window {
    pub(crate) origin: usize,
    pub(crate) predictions: Vec<(ModelKind, Result<Prediction, ForecastError>)>,
}

/// Where the backtest windows start: `origins` windows of `horizon` steps ending at `n`,
/// keeping at least `min_train` points before the first. Fewer origins when the history is short.
pub(crate) fn origins(n: usize, horizon: usize, origins: usize, min_train: usize) -> Vec<usize> {
    (1..=origins).rev().filter_map(|k| n.checked_sub(k * horizon)).filter(|o| *o >= min_train).collect()
}

/// Runs every model from every origin; `Combination` is derived from SES, damped and Theta.
pub(crate) fn run(
    input: &ForecastInput<'_>,
    models: &[Box<dyn Forecaster>],
    origins: &[usize],
    horizon: usize,
) -> Vec<Window> {
    origins
        .iter()
        .map(|&origin| {
            let train = ForecastInput { history: &input.history[..origin], horizon, ..*input };
            let mut predictions: Vec<(ModelKind, Result<Prediction, ForecastError>)> =
                models.iter().map(|m| (m.kind(), m.fit_predict(&train))).collect();
            if let Some(comb) = derived_combination(&predictions) {
                predictions.push((ModelKind::Combination, Ok(comb)));
            }
            Window { origin, predictions }
        })
        .collect()
}

/// The mean of SES, damped and Theta when all three succeeded.
pub(crate) fn derived_combination(
    predictions: &[(ModelKind, Result<Prediction, ForecastError>)],
) -> Option<Prediction> {
    let parts: Vec<&Prediction> = [ModelKind::Ses, ModelKind::Damped, ModelKind::Theta]
        .iter()
        .map(|k| predictions.iter().find(|(kind, _)| kind == k).and_then(|(_, p)| p.as_ref().ok()))
        .collect::<Option<_>>()?;
    super::pool::mean(&parts)
}

/// A model's scores over the windows, or `None` if it failed in any of them.
pub(crate) fn score(
    input: &ForecastInput<'_>,
    windows: &[Window],
    kind: ModelKind,
    non_negative: bool,
) -> Option<Backtest> {
    let (mut mase, mut smape_sum, mut mae) = (0.0, 0.0, 0.0);
    let mut horizon = 0;
    for w in windows {
        let prediction = w.predictions.iter().find(|(k, _)| *k == kind)?.1.as_ref().ok()?;
        let points: Vec<f64> = prediction.points.iter().map(|p| if non_negative { p.max(0.0) } else { *p }).collect();
        horizon = points.len();
        let actual = &input.history[w.origin..w.origin + horizon];
        let abs: f64 = actual.iter().zip(&points).map(|(a, f)| (a - f).abs()).sum::<f64>() / horizon as f64;
        mae += abs;
        mase += abs / mase_scale(&input.history[..w.origin], input.season);
        smape_sum += smape(actual, &points);
    }
    let k = windows.len() as f64;
    (k > 0.0).then(|| Backtest { mase: mase / k, smape: smape_sum / k, mae: mae / k, origins: windows.len(), horizon })
}
