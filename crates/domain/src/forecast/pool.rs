//! Forecast pooling: `auto` averages every candidate whose backtest MASE is within
//! [`POOL_RATIO`] of the best instead of betting on the single winner of a few noisy backtest
//! windows (Kourentzes, Barrow & Petropoulos, "Another look at forecast selection and
//! combination: evidence from forecast pooling", IJPE 2019). Measured in docs/ACCURACY.md:
//! pooling lowers `auto`'s MASE on the retail series and its OWA on M4 Hourly.

use super::backtest::{Window, derived_combination};
use super::select::strategy;
use super::{ForecastError, ForecastInput, ModelKind, Prediction};

/// Candidates whose backtest MASE is at most this multiple of the best one's join the pool.
pub(crate) const POOL_RATIO: f64 = 1.2;

/// The pool, best first: every scored candidate within [`POOL_RATIO`] of the best.
pub(crate) fn members(sorted_scores: &[(ModelKind, f64)]) -> Vec<ModelKind> {
    let Some(best) = sorted_scores.first().map(|s| s.1) else { return Vec::new() };
    sorted_scores.iter().take_while(|(_, mase)| *mase <= best * POOL_RATIO).map(|(k, _)| *k).collect()
}

/// The equally weighted mean of `parts` (points and error deviations).
pub(crate) fn mean(parts: &[&Prediction]) -> Option<Prediction> {
    let h = parts.first()?.points.len();
    let k = parts.len() as f64;
    let avg = |f: fn(&Prediction) -> &Vec<f64>, i: usize| parts.iter().map(|p| f(p)[i]).sum::<f64>() / k;
    Some(Prediction {
        points: (0..h).map(|i| avg(|p| &p.points, i)).collect(),
        sigma: (0..h).map(|i| avg(|p| &p.sigma, i)).collect(),
    })
}

/// Adds the pool's prediction to every backtest window, so it is scored and its intervals are
/// calibrated like any single model's.
pub(crate) fn add_to_windows(windows: &mut [Window], pool: &[ModelKind]) {
    for w in windows {
        let parts: Option<Vec<&Prediction>> = pool
            .iter()
            .map(|k| w.predictions.iter().find(|(kind, _)| kind == k).and_then(|(_, p)| p.as_ref().ok()))
            .collect();
        let pooled = parts.and_then(|p| mean(&p)).ok_or_else(|| ForecastError::Model("a pool member failed".into()));
        w.predictions.push((ModelKind::Ensemble, pooled));
    }
}

/// The pool fitted on the whole history; each strategy is fitted once even when it is also
/// part of the combination.
///
/// # Errors
/// The first member that fails to fit.
pub(crate) fn fit(input: &ForecastInput<'_>, pool: &[ModelKind]) -> Result<Prediction, ForecastError> {
    let mut fitted: Vec<(ModelKind, Result<Prediction, ForecastError>)> = Vec::new();
    let fit_one = |kind: ModelKind, fitted: &mut Vec<(ModelKind, Result<Prediction, ForecastError>)>| {
        if !fitted.iter().any(|(k, _)| *k == kind) {
            let result = strategy(kind)
                .map_or_else(|| Err(ForecastError::Model("no strategy".into())), |m| m.fit_predict(input));
            fitted.push((kind, result));
        }
    };
    for kind in pool {
        if *kind == ModelKind::Combination {
            for part in [ModelKind::Ses, ModelKind::Damped, ModelKind::Theta] {
                fit_one(part, &mut fitted);
            }
            let combined =
                derived_combination(&fitted).ok_or_else(|| ForecastError::Model("combination failed".into()));
            fitted.push((ModelKind::Combination, combined));
        } else {
            fit_one(*kind, &mut fitted);
        }
    }
    let parts = pool
        .iter()
        .map(|k| {
            fitted
                .iter()
                .find(|(kind, _)| kind == k)
                .map_or(Err(ForecastError::Model("missing".into())), |(_, p)| p.as_ref().map_err(Clone::clone))
        })
        .collect::<Result<Vec<&Prediction>, ForecastError>>()?;
    mean(&parts).ok_or_else(|| ForecastError::Model("empty pool".into()))
}
