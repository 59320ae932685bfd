//! The forecasting strategies. Each returns point forecasts and the standard deviation of its
//! h-step errors; intervals are calibrated afterwards from backtests.

mod combination;
mod croston;
mod forest;
mod linear;
mod naive;
mod smoothing;
mod theta;

pub use combination::Combination;
pub use croston::{Croston, Sba};
pub use forest::RandomForest;
pub use linear::LinearTrend;
pub use naive::{Flat, SeasonalMean, SeasonalNaive};
pub use smoothing::{Damped, Ses};
pub use theta::Theta;

/// Root mean square of `errors` (0 for none).
pub(crate) fn rms(errors: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = errors.fold((0.0, 0_usize), |(s, n), e| (s + e * e, n + 1));
    if n == 0 { 0.0 } else { (sum / n as f64).sqrt() }
}
