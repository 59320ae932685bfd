//! Classical seasonal decomposition, as the M4 benchmarks apply it: test for seasonality with the
//! autocorrelation at the seasonal lag, estimate seasonal indices from a centred moving average,
//! and remove them before a non-seasonal model, restoring them after.

/// How seasonality is removed and restored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Seasonality {
    None,
    /// `y = trend × index[t mod m]` (positive series).
    Multiplicative(Vec<f64>),
    /// `y = trend + index[t mod m]` (series with zeros, e.g. closed days).
    Additive(Vec<f64>),
}

fn acf(values: &[f64], lag: usize) -> f64 {
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let denom: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    if denom == 0.0 || lag >= n {
        return 0.0;
    }
    (lag..n).map(|t| (values[t] - mean) * (values[t - lag] - mean)).sum::<f64>() / denom
}

/// The M4 test: the autocorrelation at lag `m` exceeds its 90 % significance bound.
pub(crate) fn is_seasonal(values: &[f64], m: usize) -> bool {
    let n = values.len();
    if m < 2 || n < 3 * m {
        return false;
    }
    let sum_sq: f64 = (1..m).map(|k| acf(values, k).powi(2)).sum();
    let bound = 1.645 * ((1.0 + 2.0 * sum_sq) / n as f64).sqrt();
    acf(values, m).abs() > bound
}

/// Seasonal indices by classical decomposition (centred moving average of order `m`, or 2×m for
/// even `m`), normalised to average 1 (multiplicative) or 0 (additive).
fn indices(values: &[f64], m: usize, multiplicative: bool) -> Vec<f64> {
    let n = values.len();
    let half = m / 2;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0_usize; m];
    for t in half..n.saturating_sub(half) {
        let window = if m % 2 == 1 {
            values[t - half..=t + half].iter().sum::<f64>() / m as f64
        } else {
            (values[t - half..t + half].iter().sum::<f64>() + values[t - half + 1..=t + half].iter().sum::<f64>())
                / (2 * m) as f64
        };
        let ratio =
            if multiplicative { if window > 0.0 { values[t] / window } else { continue } } else { values[t] - window };
        sums[t % m] += ratio;
        counts[t % m] += 1;
    }
    let mut idx: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| {
            if *c > 0 {
                s / *c as f64
            } else if multiplicative {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let mean = idx.iter().sum::<f64>() / m as f64;
    for v in &mut idx {
        if multiplicative {
            *v /= mean;
        } else {
            *v -= mean;
        }
    }
    idx
}

impl Seasonality {
    /// Detects and estimates the seasonality of `values` with period `m`.
    pub(crate) fn estimate(values: &[f64], m: usize) -> Self {
        if !is_seasonal(values, m) {
            return Self::None;
        }
        if values.iter().all(|v| *v > 0.0) {
            let idx = indices(values, m, true);
            if idx.iter().all(|v| *v > 0.05) {
                return Self::Multiplicative(idx);
            }
        }
        Self::Additive(indices(values, m, false))
    }

    /// The seasonally adjusted series.
    pub(crate) fn remove(&self, values: &[f64]) -> Vec<f64> {
        match self {
            Self::None => values.to_vec(),
            Self::Multiplicative(idx) => values.iter().enumerate().map(|(t, v)| v / idx[t % idx.len()]).collect(),
            Self::Additive(idx) => values.iter().enumerate().map(|(t, v)| v - idx[t % idx.len()]).collect(),
        }
    }

    /// Restores seasonality to forecasts `points[h]` of time `n + h`, scaling the error
    /// deviations alike.
    pub(crate) fn restore(&self, n: usize, points: &mut [f64], sigma: &mut [f64]) {
        match self {
            Self::None => {}
            Self::Multiplicative(idx) => {
                for (h, (p, s)) in points.iter_mut().zip(sigma.iter_mut()).enumerate() {
                    let f = idx[(n + h) % idx.len()];
                    *p *= f;
                    *s *= f;
                }
            }
            Self::Additive(idx) => {
                for (h, p) in points.iter_mut().enumerate() {
                    *p += idx[(n + h) % idx.len()];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_removes_weekly_seasonality() {
        let pattern = [1.0, 1.0, 1.0, 1.0, 1.2, 1.5, 0.3];
        let values: Vec<f64> = (0..70).map(|t| 100.0 * pattern[t % 7]).collect();
        let s = Seasonality::estimate(&values, 7);
        let Seasonality::Multiplicative(idx) = &s else { panic!("{s:?}") };
        assert!((idx[5] / idx[0] - 1.5).abs() < 1e-9);
        let adjusted = s.remove(&values);
        assert!(adjusted.iter().all(|v| (v - adjusted[0]).abs() < 1e-6));
        // The test works at the 90 % level: on pure noise it may fire about one time in ten.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 33) as f64
        };
        let false_positives = (0..300)
            .filter(|_| {
                let noise: Vec<f64> = (0..84).map(|_| next()).collect();
                is_seasonal(&noise, 7)
            })
            .count();
        assert!(false_positives < 45, "{false_positives} of 300 noise series looked seasonal");
        let with_zeros: Vec<f64> = (0..70).map(|t| if t % 7 == 5 { 0.0 } else { 50.0 }).collect();
        assert!(matches!(Seasonality::estimate(&with_zeros, 7), Seasonality::Additive(_)));
    }
}
