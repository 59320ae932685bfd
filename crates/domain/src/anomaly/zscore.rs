//! The upstream's detector, exactly (reference §3.7): mean and sample standard deviation
//! (ddof = 1), |z| ≥ 3, `high` at |z| ≥ 4 else `medium`. Kept for golden tests and for callers
//! who ask for `method = zscore`.

use serde::{Deserialize, Serialize};

use super::AnomalyLabel;
use crate::Severity;

/// One point flagged by the upstream rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpstreamAnomaly {
    pub index: usize,
    pub value: f64,
    /// Signed z, rounded to 3 decimals as the upstream did.
    pub score: f64,
    pub severity: Severity,
    /// The legacy labels (`ZERO_DROP`, `HIGH_SPIKE`, `VARIANCE_SHIFT`); the final upstream said
    /// `DROP` for the last two kinds of drop.
    pub label: AnomalyLabel,
}

/// The points with |z| ≥ `threshold` (3 upstream). A constant series or a single point has no
/// anomalies; with ddof = 1 a series of 10 or fewer points never has any.
#[must_use]
pub fn upstream_zscore(values: &[f64], threshold: f64) -> Vec<UpstreamAnomaly> {
    let n = values.len();
    if n < 2 {
        return Vec::new();
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let std = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    if std == 0.0 || !std.is_finite() {
        return Vec::new();
    }
    values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| {
            let z = (value - mean) / std;
            (z.abs() >= threshold).then(|| UpstreamAnomaly {
                index,
                value: *value,
                score: (z * 1000.0).round() / 1000.0,
                severity: if z.abs() >= threshold + 1.0 { Severity::High } else { Severity::Medium },
                label: AnomalyLabel::classify(*value, z),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_the_upstream_rule() {
        // Ten points can never reach |z| = 3 with ddof = 1: the upstream mocks always gave 0.
        let mut short = vec![10.0; 9];
        short.push(1000.0);
        assert!(upstream_zscore(&short, 3.0).is_empty());
        let mut series = vec![
            10.0, 11.0, 9.0, 10.0, 12.0, 8.0, 10.0, 11.0, 9.0, 10.0, 10.0, 11.0, 9.0, 10.0, 12.0, 8.0, 10.0, 11.0, 9.0,
            10.0,
        ];
        series.push(60.0);
        series.push(0.0);
        let found = upstream_zscore(&series, 3.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].index, found[0].label, found[0].severity), (20, AnomalyLabel::HighSpike, Severity::High));
        // Python: statistics.stdev (ddof = 1), as pandas computed it upstream.
        assert_eq!(found[0].score, 4.371);
        assert!(upstream_zscore(&[5.0; 30], 3.0).is_empty());
    }
}
