//! Choosing a strategy (`auto`), applying the fallback rules, and assembling the forecast.

use super::backtest::{self, Window};
use super::closures::Closures;
use super::intervals::{intervals, multipliers, normalised_errors};
use super::models::{
    Combination, Croston, Damped, Flat, LinearTrend, RandomForest, Sba, SeasonalMean, SeasonalNaive, Ses, Theta,
};
use super::{Forecast, ForecastError, ForecastInput, ForecastOptions, Forecaster, ModelKind, Prediction, pool};

/// Below this many points nothing is backtested and `auto` uses the linear trend.
const SHORT: usize = 14;
/// At least this share of zeros makes a series intermittent.
const INTERMITTENT_ZEROS: f64 = 0.4;

/// The strategy for a concrete model (`None` for `Auto` and `Ensemble`).
#[must_use]
pub fn strategy(kind: ModelKind) -> Option<Box<dyn Forecaster>> {
    Some(match kind {
        ModelKind::Auto | ModelKind::Ensemble => return None,
        ModelKind::Linear => Box::new(LinearTrend),
        ModelKind::SeasonalNaive => Box::new(SeasonalNaive),
        ModelKind::SeasonalMean => Box::new(SeasonalMean::default()),
        ModelKind::Ses => Box::new(Ses),
        ModelKind::Damped => Box::new(Damped),
        ModelKind::Theta => Box::new(Theta),
        ModelKind::RandomForest => Box::new(RandomForest::default()),
        ModelKind::Croston => Box::new(Croston),
        ModelKind::Sba => Box::new(Sba),
        ModelKind::Combination => Box::new(Combination),
        ModelKind::Flat => Box::new(Flat),
    })
}

fn candidates(input: &ForecastInput<'_>, options: &ForecastOptions) -> Vec<ModelKind> {
    let zeros = input.history.iter().filter(|v| **v == 0.0).count() as f64 / input.history.len() as f64;
    let mut list = if zeros >= INTERMITTENT_ZEROS {
        vec![ModelKind::Sba, ModelKind::Croston, ModelKind::SeasonalNaive, ModelKind::SeasonalMean, ModelKind::Flat]
    } else {
        vec![ModelKind::SeasonalNaive, ModelKind::SeasonalMean, ModelKind::Ses, ModelKind::Damped, ModelKind::Theta]
    };
    if options.random_forest_in_auto {
        list.push(ModelKind::RandomForest);
    }
    list
}

/// Forecasts `input` as `options` ask. Closed days (weekdays that are always zero, and the
/// `holidays` flags) are taken out before fitting and forecast as zero.
///
/// # Errors
/// `InvalidHorizon`, `InvalidValue` (NaN/∞ in the history), `NotEnoughHistory` (< 2 points, or
/// less than an explicitly requested model needs and no fallback applies), `Model`.
pub fn forecast(input: &ForecastInput<'_>, options: &ForecastOptions) -> Result<Forecast, ForecastError> {
    let n = input.history.len();
    if input.horizon == 0 {
        return Err(ForecastError::InvalidHorizon);
    }
    if input.history.iter().any(|v| !v.is_finite()) {
        return Err(ForecastError::InvalidValue);
    }
    if n < 2 {
        return Err(ForecastError::NotEnoughHistory { needed: 2, got: n });
    }
    let input = ForecastInput { season: input.season.max(1), ..*input };
    if let Some(closures) = Closures::detect(input.history, input.season, input.holidays) {
        let open = closures.compress(input.history, input.horizon);
        if open.history.len() >= 2 {
            let inner = ForecastInput {
                history: &open.history,
                season: open.season,
                // A horizon of closed days only still needs a fit, to report the model.
                horizon: open.horizon.max(1),
                holidays: open.holidays.as_deref(),
            };
            return Ok(closures.expand(n, input.horizon, fit(&inner, options)?));
        }
    }
    fit(&input, options)
}

fn fit(input: &ForecastInput<'_>, options: &ForecastOptions) -> Result<Forecast, ForecastError> {
    let n = input.history.len();
    let constant = input.history.iter().all(|v| *v == input.history[0]);
    let (kinds, note) = match options.model {
        ModelKind::Auto | ModelKind::Ensemble if constant => {
            (vec![ModelKind::Flat], Some("every value is equal: flat forecast"))
        }
        ModelKind::Auto | ModelKind::Ensemble if n < SHORT => {
            (vec![ModelKind::Linear], Some("fewer than 14 points: linear trend, nothing to backtest"))
        }
        ModelKind::Auto | ModelKind::Ensemble => (candidates(input, options), None),
        explicit => (vec![explicit], None),
    };
    let models: Vec<Box<dyn Forecaster>> = kinds.iter().filter_map(|k| strategy(*k)).collect();
    choose(input, options, &models, note)
}

fn choose(
    input: &ForecastInput<'_>,
    options: &ForecastOptions,
    models: &[Box<dyn Forecaster>],
    note: Option<&str>,
) -> Result<Forecast, ForecastError> {
    let n = input.history.len();
    let bt_horizon = input.horizon.min((n / 5).max(1));
    let min_train =
        models.iter().map(|m| m.min_history(input.season)).min().unwrap_or(2).max(2 * input.season).max(SHORT.min(n));
    let origins = if n >= SHORT { backtest::origins(n, bt_horizon, options.origins, min_train) } else { Vec::new() };
    let mut windows: Vec<Window> = backtest::run(input, models, &origins, bt_horizon);
    let mut scored: Vec<(ModelKind, backtest::Backtest)> = models
        .iter()
        .map(|m| m.kind())
        .chain(windows.first().and_then(|w| {
            w.predictions.iter().any(|(k, _)| *k == ModelKind::Combination).then_some(ModelKind::Combination)
        }))
        .filter_map(|k| backtest::score(input, &windows, k, options.non_negative).map(|b| (k, b)))
        .collect();
    scored.sort_by(|a, b| a.1.mase.total_cmp(&b.1.mase));
    let candidates: Vec<(ModelKind, f64)> =
        if models.len() > 1 { scored.iter().map(|(k, b)| (*k, b.mase)).collect() } else { Vec::new() };
    let mut note = note.map(str::to_owned);
    let members = pool::members(&candidates);
    let pooled = if members.len() >= 2 { pool::fit(input, &members).ok() } else { None };
    let (kind, prediction, members) = if let Some(prediction) = pooled {
        pool::add_to_windows(&mut windows, &members);
        if let Some(b) = backtest::score(input, &windows, ModelKind::Ensemble, options.non_negative) {
            scored.push((ModelKind::Ensemble, b));
        }
        (ModelKind::Ensemble, prediction, members)
    } else {
        // Nothing scored (no backtest): the first model that fits, else the first asked for,
        // whose final fit then falls back along the documented chain.
        let first = models.first().map_or(ModelKind::SeasonalNaive, |m| m.kind());
        let chosen = scored
            .first()
            .map_or_else(|| models.iter().map(|m| m.kind()).find(|k| fits(*k, input)).unwrap_or(first), |s| s.0);
        let (kind, prediction) = final_fit(input, chosen, &mut note)?;
        (kind, prediction, Vec::new())
    };
    let z = normalised_errors(input.history, &windows, kind);
    let [interval80, interval95] = intervals(&prediction, multipliers(z), options.non_negative);
    let points = prediction.points.iter().map(|p| if options.non_negative { p.max(0.0) } else { *p }).collect();
    let backtest = scored.into_iter().find(|(k, _)| *k == kind).map(|(_, b)| b);
    Ok(Forecast { model: kind, members, points, interval80, interval95, backtest, candidates, note })
}

fn fits(kind: ModelKind, input: &ForecastInput<'_>) -> bool {
    strategy(kind).is_some_and(|m| m.min_history(input.season) <= input.history.len())
}

/// Fits `kind` on the whole history; a model the history is too short for falls back to the
/// seasonal naive, then to the linear trend, saying so in `note`.
fn final_fit(
    input: &ForecastInput<'_>,
    kind: ModelKind,
    note: &mut Option<String>,
) -> Result<(ModelKind, Prediction), ForecastError> {
    let mut last_error = None;
    for candidate in [kind, ModelKind::SeasonalNaive, ModelKind::Linear] {
        let Some(model) = strategy(candidate) else { continue };
        match model.fit_predict(input) {
            Ok(p) => {
                if candidate != kind {
                    *note = Some(format!("{} needs more history: fell back to {}", kind.as_str(), candidate.as_str()));
                }
                return Ok((candidate, p));
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or(ForecastError::NotEnoughHistory { needed: 2, got: input.history.len() }))
}
