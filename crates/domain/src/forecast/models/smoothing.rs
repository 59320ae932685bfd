//! Exponential smoothing with additive errors: simple (SES) and damped additive trend, fitted on
//! the seasonally adjusted series by minimising the one-step squared errors.

#[cfg(test)]
use super::rms;
use crate::forecast::decompose::Seasonality;
use crate::forecast::optimize::{golden_section, nelder_mead};
use crate::forecast::{ForecastError, ForecastInput, Forecaster, ModelKind, Prediction};

/// Smoothing parameters: level `alpha`, trend `beta`, damping `phi` (β = 0 for SES).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    pub(crate) alpha: f64,
    pub(crate) beta: f64,
    pub(crate) phi: f64,
}

/// The state after running the filter over the series.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fitted {
    pub(crate) params: Params,
    pub(crate) level: f64,
    pub(crate) trend: f64,
    pub(crate) sigma: f64,
}

fn run(y: &[f64], p: Params) -> (f64, f64, f64) {
    let mut level = y[0];
    let mut trend = if p.beta > 0.0 && y.len() > 1 { y[1] - y[0] } else { 0.0 };
    let mut sse = 0.0;
    for v in &y[1..] {
        let forecast = level + p.phi * trend;
        let error = v - forecast;
        sse += error * error;
        let new_level = forecast + p.alpha * error;
        trend = p.phi * trend + p.beta * p.alpha * error;
        level = new_level;
    }
    (level, trend, sse)
}

pub(crate) fn fit_ses(y: &[f64]) -> Fitted {
    let alpha = golden_section(|a| run(y, Params { alpha: a, beta: 0.0, phi: 1.0 }).2, 0.01, 0.99, 40);
    finish(y, Params { alpha, beta: 0.0, phi: 1.0 })
}

fn fit_damped(y: &[f64]) -> Fitted {
    let objective = |x: &[f64]| run(y, Params { alpha: x[0], beta: x[1], phi: x[2] }).2;
    let x = nelder_mead(objective, &[0.3, 0.05, 0.95], &[0.01, 0.001, 0.8], &[0.99, 0.5, 0.98], 150);
    finish(y, Params { alpha: x[0], beta: x[1], phi: x[2] })
}

fn finish(y: &[f64], params: Params) -> Fitted {
    let (level, trend, sse) = run(y, params);
    let sigma = (sse / (y.len().saturating_sub(1)).max(1) as f64).sqrt();
    Fitted { params, level, trend, sigma }
}

impl Fitted {
    /// Points and error deviations for `h` steps (ETS(A,Ad,N) variance; SES when β = 0).
    pub(crate) fn predict(&self, h: usize) -> (Vec<f64>, Vec<f64>) {
        let Params { alpha, beta, phi } = self.params;
        let mut points = Vec::with_capacity(h);
        let mut sigma = Vec::with_capacity(h);
        let (mut damp_sum, mut var_sum) = (0.0_f64, 0.0_f64);
        let mut phi_pow = 1.0;
        for _ in 0..h {
            phi_pow *= phi;
            damp_sum += phi_pow;
            points.push(self.level + damp_sum * self.trend);
            sigma.push(self.sigma * (1.0 + var_sum).sqrt());
            // c_j for the next step: α(1 + β·Σ φ^i).
            let c = alpha * (1.0 + beta * damp_sum);
            var_sum += c * c;
        }
        (points, sigma)
    }
}

/// Runs `fit` on the seasonally adjusted history and restores seasonality.
pub(crate) fn seasonal(input: &ForecastInput<'_>, fit: impl Fn(&[f64]) -> (Vec<f64>, Vec<f64>)) -> Prediction {
    let season = if input.season > 1 { Seasonality::estimate(input.history, input.season) } else { Seasonality::None };
    let adjusted = season.remove(input.history);
    let (mut points, mut sigma) = fit(&adjusted);
    season.restore(input.history.len(), &mut points, &mut sigma);
    Prediction { points, sigma }
}

fn check(input: &ForecastInput<'_>, needed: usize) -> Result<(), ForecastError> {
    let got = input.history.len();
    if got < needed { Err(ForecastError::NotEnoughHistory { needed, got }) } else { Ok(()) }
}

/// Simple exponential smoothing on the seasonally adjusted series.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ses;

impl Forecaster for Ses {
    fn kind(&self) -> ModelKind {
        ModelKind::Ses
    }

    fn min_history(&self, _season: usize) -> usize {
        3
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        check(input, 3)?;
        Ok(seasonal(input, |y| fit_ses(y).predict(input.horizon)))
    }
}

/// Damped additive trend (Gardner & McKenzie) on the seasonally adjusted series.
#[derive(Clone, Copy, Debug, Default)]
pub struct Damped;

impl Forecaster for Damped {
    fn kind(&self) -> ModelKind {
        ModelKind::Damped
    }

    fn min_history(&self, _season: usize) -> usize {
        6
    }

    fn fit_predict(&self, input: &ForecastInput<'_>) -> Result<Prediction, ForecastError> {
        check(input, 6)?;
        Ok(seasonal(input, |y| fit_damped(y).predict(input.horizon)))
    }
}

/// In-sample one-step errors' RMS of SES with `alpha`, for tests and diagnostics.
#[cfg(test)]
pub(crate) fn ses_rmse(y: &[f64], alpha: f64) -> f64 {
    let mut level = y[0];
    rms(y[1..].iter().map(|v| {
        let e = v - level;
        level += alpha * e;
        e
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ses_on_a_constant_series_is_flat_and_exact() {
        let y = vec![5.0; 30];
        let f = fit_ses(&y);
        let (points, sigma) = f.predict(3);
        assert_eq!(points, vec![5.0; 3]);
        assert!(sigma.iter().all(|s| *s == 0.0));
        assert_eq!(ses_rmse(&y, 0.5), 0.0);
    }

    #[test]
    fn ses_by_hand() {
        // α = 0.5 on 10, 12, 11: levels 10 → 11 → 11; forecast 11.
        let f = finish(&[10.0, 12.0, 11.0], Params { alpha: 0.5, beta: 0.0, phi: 1.0 });
        assert_eq!(f.level, 11.0);
        let (points, sigma) = f.predict(2);
        assert_eq!(points, [11.0, 11.0]);
        // Errors 2 and 0: σ = √(4 / 2); h = 2 adds α².
        assert!((sigma[0] - 2_f64.sqrt()).abs() < 1e-12);
        assert!((sigma[1] - 2_f64.sqrt() * 1.25_f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn damped_trend_flattens_out() {
        let y: Vec<f64> = (0..60).map(|t| 100.0 + 2.0 * t as f64).collect();
        let f = fit_damped(&y);
        let (points, _) = f.predict(200);
        assert!(points[0] > 215.0 && points[0] < 225.0, "{}", points[0]);
        let late_growth = points[199] - points[198];
        assert!(late_growth < 2.0, "damped: {late_growth}");
    }
}
