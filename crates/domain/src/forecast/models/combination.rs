//! The M4 "Comb" benchmark: the mean of SES, damped trend and Theta on the adjusted series.

use super::{Damped, Ses, Theta};
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

#[derive(Clone, Copy, Debug, Default)]
pub struct Combination;

impl Forecaster for Combination {
    fn kind(&self) -> ModelKind {
        ModelKind::Combination
    }

    fn min_history(&self, season: usize) -> usize {
        Damped.min_history(season)
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let parts = [Ses.fit_predict(input)?, Damped.fit_predict(input)?, Theta.fit_predict(input)?];
        let mean = |f: &dyn Fn(&Prediction) -> &[f64], h: usize| parts.iter().map(|p| f(p)[h]).sum::<f64>() / 3.0;
        let points = (0..input.horizon).map(|h| mean(&|p| &p.points, h)).collect();
        let sigma = (0..input.horizon).map(|h| mean(&|p| &p.sigma, h)).collect();
        Ok(Prediction { points, sigma })
    }
}
