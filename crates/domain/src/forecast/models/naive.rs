//! Naive strategies: the last season repeated, the average of the last few seasons, a flat line.

use super::rms;
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// Repeats the last season (the last value when there is no season): the benchmark to beat.
#[derive(Clone, Copy, Debug, Default)]
pub struct SeasonalNaive;

impl Forecaster for SeasonalNaive {
    fn kind(&self) -> ModelKind {
        ModelKind::SeasonalNaive
    }

    fn min_history(&self, season: usize) -> usize {
        season.max(1) + 1
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let (y, m, h) = (input.history, input.season.max(1), input.horizon);
        let n = y.len();
        if n < m {
            return Err(ForecastError::NotEnoughHistory { needed: m, got: n });
        }
        let sigma = rms((m..n).map(|t| y[t] - y[t - m]));
        let points = (0..h).map(|i| y[n - m + i % m]).collect();
        let sigmas = (0..h).map(|i| sigma * ((i / m + 1) as f64).sqrt()).collect();
        Ok(Prediction { points, sigma: sigmas })
    }
}

/// For each position in the season, the mean of the same position over the last `periods`
/// seasons: seasonal naive without the noise of a single week.
#[derive(Clone, Copy, Debug)]
pub struct SeasonalMean {
    pub periods: usize,
}

impl Default for SeasonalMean {
    fn default() -> Self {
        Self { periods: 4 }
    }
}

impl Forecaster for SeasonalMean {
    fn kind(&self) -> ModelKind {
        ModelKind::SeasonalMean
    }

    fn min_history(&self, season: usize) -> usize {
        season.max(1) * (self.periods + 1)
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let (y, m, h, k) = (input.history, input.season.max(1), input.horizon, self.periods);
        let n = y.len();
        if n < m * k {
            return Err(ForecastError::NotEnoughHistory { needed: m * k, got: n });
        }
        let mean_before = |t: usize| (1..=k).map(|j| y[t - j * m]).sum::<f64>() / k as f64;
        let sigma = rms((m * k..n).map(|t| y[t] - mean_before(t)));
        let points = (0..h).map(|i| mean_before(n + i % m)).collect();
        Ok(Prediction { points, sigma: vec![sigma; h] })
    }
}

/// A constant: the series' only value (zero variance) or, for short noisy series, its mean.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flat;

impl Forecaster for Flat {
    fn kind(&self) -> ModelKind {
        ModelKind::Flat
    }

    fn min_history(&self, _season: usize) -> usize {
        1
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let y = input.history;
        if y.is_empty() {
            return Err(ForecastError::NotEnoughHistory { needed: 1, got: 0 });
        }
        let mean = y.iter().sum::<f64>() / y.len() as f64;
        let sigma = rms(y.iter().map(|v| v - mean));
        Ok(Prediction { points: vec![mean; input.horizon], sigma: vec![sigma; input.horizon] })
    }
}
