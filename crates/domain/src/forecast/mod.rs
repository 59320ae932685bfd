//! Forecasting: strategies behind the [`Forecaster`] trait, `auto` selection by rolling-origin
//! backtest (MASE), fallback rules, and prediction intervals calibrated on backtest errors.
//!
//! Fallback rules of `auto` (docs/FORECASTING.md explains each):
//! * fewer than 2 points → [`ForecastError::NotEnoughHistory`];
//! * every value equal → flat forecast, zero-width intervals;
//! * fewer than 14 points → the upstream's linear trend (nothing to backtest on);
//! * at least 40 % zeros → intermittent-demand candidates (Croston, SBA) with the naive ones;
//! * otherwise seasonal naive, seasonal mean, SES, damped trend, Theta and their combination
//!   (plus the random forest when enabled), chosen by the lowest backtest MASE.

mod backtest;
mod closures;
mod decompose;
mod intervals;
pub mod models;
mod optimize;
mod pool;
mod select;

use serde::{Deserialize, Serialize};

pub use backtest::{Backtest, mase_scale, smape};
pub use select::{forecast, strategy};

/// A forecasting strategy (the Strategy pattern of seed 003).
pub trait Forecaster: Send + Sync {
    fn kind(&self) -> ModelKind;

    /// The shortest history the strategy can fit.
    fn min_history(&self, season: usize) -> usize;

    /// Point forecasts and h-step error deviations for `input.horizon` steps.
    ///
    /// # Errors
    /// `NotEnoughHistory` below [`Forecaster::min_history`]; `Model` when fitting fails.
    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError>;
}

/// What to forecast.
#[derive(Clone, Copy, Debug)]
pub struct ForecastInput<'a> {
    /// Equally spaced observations, oldest first.
    pub history: &'a [f64],
    /// Seasonal period in steps (7 for daily sales, 24 for hourly); 1 for none.
    pub season: usize,
    pub horizon: usize,
    /// Holiday flags for `history.len() + horizon` steps (daily series only).
    pub holidays: Option<&'a [bool]>,
}

/// A strategy's raw output.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    pub points: Vec<f64>,
    /// Standard deviation of the h-step error, h = 1..=horizon.
    pub sigma: Vec<f64>,
}

/// The strategies, and `Auto`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    #[default]
    Auto,
    Linear,
    SeasonalNaive,
    SeasonalMean,
    Ses,
    Damped,
    Theta,
    RandomForest,
    Croston,
    Sba,
    Combination,
    Flat,
    /// `auto`'s pool: the mean of every candidate within 20 % of the best backtest MASE
    /// (chosen by `auto`, not requested; `members` names the candidates).
    Ensemble,
}

impl ModelKind {
    pub const ALL: [Self; 12] = [
        Self::Auto,
        Self::Linear,
        Self::SeasonalNaive,
        Self::SeasonalMean,
        Self::Ses,
        Self::Damped,
        Self::Theta,
        Self::RandomForest,
        Self::Croston,
        Self::Sba,
        Self::Combination,
        Self::Flat,
    ];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Linear => "linear",
            Self::SeasonalNaive => "seasonal_naive",
            Self::SeasonalMean => "seasonal_mean",
            Self::Ses => "ses",
            Self::Damped => "damped",
            Self::Theta => "theta",
            Self::RandomForest => "random_forest",
            Self::Croston => "croston",
            Self::Sba => "sba",
            Self::Combination => "combination",
            Self::Flat => "flat",
            Self::Ensemble => "ensemble",
        }
    }

    /// A model a caller may ask for (`ensemble` is what `auto` may answer, not a request).
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// How to forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForecastOptions {
    pub model: ModelKind,
    /// Rolling origins of the backtest (0 = none).
    pub origins: usize,
    /// Whether `auto` also tries the random forest (slower: ~2 ms a fit on 400 points).
    pub random_forest_in_auto: bool,
    /// Clip forecasts and lower bounds at zero (sales cannot be negative).
    pub non_negative: bool,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        Self { model: ModelKind::Auto, origins: 3, random_forest_in_auto: false, non_negative: true }
    }
}

/// Lower and upper bounds per step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// A forecast with its uncertainty and how it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub model: ModelKind,
    /// The pooled candidates when `model` is `Ensemble`, best first; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ModelKind>,
    pub points: Vec<f64>,
    pub interval80: Interval,
    pub interval95: Interval,
    /// The chosen model's backtest, when the history allowed one.
    pub backtest: Option<Backtest>,
    /// Every candidate's backtest MASE, for transparency (`auto` only).
    pub candidates: Vec<(ModelKind, f64)>,
    /// Which fallback rule decided, if one did.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    #[error("not enough history: {got} points, at least {needed} needed")]
    NotEnoughHistory { needed: usize, got: usize },
    #[error("the horizon must be at least 1")]
    InvalidHorizon,
    #[error("the history contains a value that is not a finite number")]
    InvalidValue,
    #[error("model failed: {0}")]
    Model(String),
}
