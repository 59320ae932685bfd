//! The Theta method (Assimakopoulos & Nikolopoulos; Hyndman & Billah's form): SES with a drift of
//! half the linear trend, on the seasonally adjusted series. It won the M3 competition.

use super::linear::ols;
use super::smoothing::{fit_ses, seasonal};
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

#[derive(Clone, Copy, Debug, Default)]
pub struct Theta;

impl Forecaster for Theta {
    fn kind(&self) -> ModelKind {
        ModelKind::Theta
    }

    fn min_history(&self, _season: usize) -> usize {
        4
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        let n = input.history.len();
        if n < 4 {
            return Err(ForecastError::NotEnoughHistory { needed: 4, got: n });
        }
        Ok(seasonal(input, |y| {
            let fitted = fit_ses(y);
            let (mut points, sigma) = fitted.predict(input.horizon);
            let drift = ols(y).1 / 2.0;
            let alpha = fitted.params.alpha;
            let carry = (1.0 - (1.0 - alpha).powi(i32::try_from(y.len()).unwrap_or(i32::MAX))) / alpha;
            for (h, p) in points.iter_mut().enumerate() {
                *p += drift * (h as f64 + carry);
            }
            (points, sigma)
        }))
    }
}
