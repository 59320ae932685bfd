//! A random forest (smartcore) on lag, seasonal-position, rolling-mean and holiday features,
//! forecasting recursively one step at a time.

use smartcore::ensemble::random_forest_regressor::{RandomForestRegressor, RandomForestRegressorParameters};
use smartcore::linalg::basic::matrix::DenseMatrix;

use super::rms;
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// At most this many of the latest rows train the forest (cost grows with rows × trees).
const MAX_ROWS: usize = 730;

#[derive(Clone, Copy, Debug)]
pub struct RandomForest {
    pub trees: usize,
    pub max_depth: u16,
    pub seed: u64,
}

impl Default for RandomForest {
    fn default() -> Self {
        Self { trees: 40, max_depth: 10, seed: 42 }
    }
}

fn lags(season: usize) -> Vec<usize> {
    let mut lags = vec![1, 2, 3];
    if season > 1 {
        lags.extend([season, 2 * season]);
    } else {
        lags.extend([4, 5, 6, 7]);
    }
    lags.sort_unstable();
    lags.dedup();
    lags
}

/// The features of time `t` given the values before it.
fn features(y: &[f64], t: usize, season: usize, lags: &[usize], holidays: Option<&[bool]>) -> Vec<f64> {
    let mut row: Vec<f64> = lags.iter().map(|l| y[t - l]).collect();
    let window = season.max(7).min(t);
    row.push(y[t - window..t].iter().sum::<f64>() / window as f64);
    if season > 1 {
        row.push((t % season) as f64);
    }
    if let Some(h) = holidays {
        row.push(if h.get(t).copied().unwrap_or(false) { 1.0 } else { 0.0 });
    }
    row
}

impl Forecaster for RandomForest {
    fn kind(&self) -> ModelKind {
        ModelKind::RandomForest
    }

    fn min_history(&self, season: usize) -> usize {
        lags(season).last().copied().unwrap_or(7) + 20
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let (y, m, h) = (input.history, input.season, input.horizon);
        let lag_list = lags(m);
        let first = *lag_list.last().unwrap_or(&7);
        let n = y.len();
        if n < self.min_history(m) {
            return Err(ForecastError::NotEnoughHistory { needed: self.min_history(m), got: n });
        }
        let start = first.max(n.saturating_sub(MAX_ROWS));
        let rows: Vec<Vec<f64>> = (start..n).map(|t| features(y, t, m, &lag_list, input.holidays)).collect();
        let width = rows[0].len();
        let x = DenseMatrix::new(rows.len(), width, rows.concat(), false)
            .map_err(|e| ForecastError::Model(e.to_string()))?;
        let target: Vec<f64> = y[start..n].to_vec();
        let params = RandomForestRegressorParameters::default()
            .with_n_trees(self.trees)
            .with_max_depth(self.max_depth)
            .with_min_samples_leaf(3);
        let params = RandomForestRegressorParameters { seed: self.seed, ..params };
        let forest =
            RandomForestRegressor::fit(&x, &target, params).map_err(|e| ForecastError::Model(e.to_string()))?;
        let fitted: Vec<f64> = forest.predict(&x).map_err(|e| ForecastError::Model(e.to_string()))?;
        // In-sample errors flatter a forest; the backtest calibration widens the intervals.
        let sigma = rms(target.iter().zip(&fitted).map(|(a, b)| a - b)) * 1.5;
        let mut path = y.to_vec();
        for t in n..n + h {
            let row = features(&path, t, m, &lag_list, input.holidays);
            let one = DenseMatrix::new(1, width, row, false).map_err(|e| ForecastError::Model(e.to_string()))?;
            let next: Vec<f64> = forest.predict(&one).map_err(|e| ForecastError::Model(e.to_string()))?;
            path.push(next.first().copied().unwrap_or(0.0));
        }
        Ok(Prediction { points: path[n..].to_vec(), sigma: vec![sigma; h] })
    }
}
