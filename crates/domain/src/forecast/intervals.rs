//! Prediction intervals: each strategy's error deviations, calibrated on its own backtest.
//!
//! Backtest errors are divided by the deviation the model predicted for them; with enough of
//! them their empirical quantiles set the bounds (so skewed, spiky sales get skewed intervals),
//! otherwise a normal interval widened by their RMS. Coverage is tested on simulated series.

use super::backtest::Window;
use super::{Interval, ModelKind, Prediction};

const Z80: f64 = 1.281_551_565_5;
const Z95: f64 = 1.959_963_985;
/// Normalised errors needed before trusting their quantiles (with fewer, tail quantiles are
/// too noisy and an RMS-scaled normal interval covered better in our simulations).
const MIN_FOR_QUANTILES: usize = 100;
/// Errors needed before trusting the quantiles of their absolute values (symmetric bounds).
const MIN_FOR_ABS_QUANTILES: usize = 40;
/// The chosen model is the one whose backtest errors happened to be smallest; its quantiles
/// understate future errors a little (measured: 78 % / 94 % coverage without this).
const SELECTION_BIAS: f64 = 1.08;

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Backtest errors of `kind` divided by the deviations it predicted.
pub(crate) fn normalised_errors(history: &[f64], windows: &[Window], kind: ModelKind) -> Vec<f64> {
    let mut z = Vec::new();
    for w in windows {
        let Some(Ok(p)) = w.predictions.iter().find(|(k, _)| *k == kind).map(|(_, p)| p.as_ref()) else { continue };
        for (i, (point, sigma)) in p.points.iter().zip(&p.sigma).enumerate() {
            if *sigma > 1e-12 {
                z.push((history[w.origin + i] - point) / sigma);
            }
        }
    }
    z
}

/// The (lower, upper) multipliers of σ for the 80 % and 95 % intervals.
pub(crate) fn multipliers(mut z: Vec<f64>) -> [(f64, f64); 2] {
    if z.len() >= MIN_FOR_QUANTILES {
        z.sort_by(f64::total_cmp);
        let lo80 = (quantile(&z, 0.10) * SELECTION_BIAS).min(-0.25);
        let hi80 = (quantile(&z, 0.90) * SELECTION_BIAS).max(0.25);
        // Few errors reach the 95 % tails: never narrower than 1.25 × the 80 % bounds.
        let lo95 = (quantile(&z, 0.025) * SELECTION_BIAS).min(lo80 * 1.25);
        let hi95 = (quantile(&z, 0.975) * SELECTION_BIAS).max(hi80 * 1.25);
        return [(lo80, hi80), (lo95, hi95)];
    }
    if z.len() >= MIN_FOR_ABS_QUANTILES {
        let mut abs: Vec<f64> = z.iter().map(|v| v.abs()).collect();
        abs.sort_by(f64::total_cmp);
        let q80 = (quantile(&abs, 0.80) * SELECTION_BIAS).max(0.25);
        let q95 = (quantile(&abs, 0.95) * SELECTION_BIAS).max(q80 * 1.25);
        return [(-q80, q80), (-q95, q95)];
    }
    let scale =
        if z.is_empty() { 1.0 } else { (z.iter().map(|v| v * v).sum::<f64>() / z.len() as f64).sqrt().max(1.0) };
    [(-Z80 * scale, Z80 * scale), (-Z95 * scale, Z95 * scale)]
}

/// Bounds around `prediction`, clipped at zero when asked.
pub(crate) fn intervals(prediction: &Prediction, multipliers: [(f64, f64); 2], non_negative: bool) -> [Interval; 2] {
    multipliers.map(|(lo, hi)| {
        let bound = |f: f64| -> Vec<f64> {
            prediction
                .points
                .iter()
                .zip(&prediction.sigma)
                .map(|(p, s)| {
                    let v = p + f * s;
                    if non_negative { v.max(0.0) } else { v }
                })
                .collect()
        };
        Interval { lower: bound(lo), upper: bound(hi) }
    })
}
