//! Anomaly detection: the upstream's z-score rule (reference §3.7) and a robust, seasonality-aware
//! default that works on short series, labelled with the legacy names (`ZERO_DROP`,
//! `HIGH_SPIKE`, `VARIANCE_SHIFT`) plus `LEVEL_SHIFT`, and graded LOW / MEDIUM / HIGH.

mod counts;
mod robust;
mod scale;
mod zscore;

use serde::{Deserialize, Serialize};

use crate::Severity;

pub use counts::{anscombe, count_scores, detect_counts};
pub use robust::{detect_robust, point_scores};
pub use zscore::{UpstreamAnomaly, upstream_zscore};

/// What kind of anomaly (the legacy table of reference §3.7, plus level shifts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnomalyLabel {
    /// Nothing sold on a day that normally sells.
    ZeroDrop,
    /// Far more than expected.
    HighSpike,
    /// Far less than expected, but not zero ("unusual decrease in sales pattern").
    VarianceShift,
    /// A sustained change of level rather than a one-off.
    LevelShift,
}

impl AnomalyLabel {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ZeroDrop => "ZERO_DROP",
            Self::HighSpike => "HIGH_SPIKE",
            Self::VarianceShift => "VARIANCE_SHIFT",
            Self::LevelShift => "LEVEL_SHIFT",
        }
    }

    /// The legacy explanations (3b75385f wording), and one for level shifts.
    #[must_use]
    pub const fn explanation(self) -> &'static str {
        match self {
            Self::ZeroDrop => "Sales dropped to zero unexpectedly.",
            Self::HighSpike => "Unusually high sales spike.",
            Self::VarianceShift => "Unusual decrease in sales pattern.",
            Self::LevelShift => "Sales moved to a new level and stayed there.",
        }
    }

    /// The legacy rule: zero first, then the sign of the deviation.
    #[must_use]
    pub fn classify(value: f64, deviation: f64) -> Self {
        if value == 0.0 {
            Self::ZeroDrop
        } else if deviation > 0.0 {
            Self::HighSpike
        } else {
            Self::VarianceShift
        }
    }
}

/// Which detector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnomalyMethod {
    /// Seasonal median baseline and a robust (MAD) scale.
    #[default]
    Robust,
    /// The upstream's rule: |z| ≥ 3 against the mean and sample standard deviation.
    Zscore,
}

/// Detector settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnomalyConfig {
    /// Robust z (deviation ÷ robust scale) at or above which a point is anomalous.
    pub threshold: f64,
    /// Points before this index are not judged (too little history to know what is normal).
    pub min_history: usize,
    /// Judge each point only on the points before it (as a live check would).
    pub causal: bool,
    /// Seasonal period (7 for daily sales; 1 for none).
    pub season: usize,
    /// This many consecutive points beyond half the threshold on one side are a level shift
    /// (0 = off: no level shifts, no segmentation).
    pub level_shift_run: usize,
    /// Causal mode: residuals behind the rolling robust scale.
    pub scale_window: usize,
    /// The smallest scale: a near-constant stretch would otherwise make any blip anomalous
    /// (0.5 suits unit counts: selling 3 instead of 1 is no anomaly).
    pub min_scale: f64,
    /// The smallest scale as a share of the series' typical level.
    pub min_relative_scale: f64,
    /// Streams: also judge each value against the median and MAD of the `level_window` values
    /// before it, keeping the larger |z| (0 = off).
    pub level_window: usize,
    /// Streams: a point is reported only when its |z| is the largest of the last
    /// `onset_lookback` points, one alarm per episode (0 = off).
    pub onset_lookback: usize,
}

impl Default for AnomalyConfig {
    /// Daily sales.
    fn default() -> Self {
        Self {
            threshold: 3.5,
            min_history: 14,
            causal: false,
            season: 7,
            level_shift_run: 5,
            scale_window: 91,
            min_scale: 0.5,
            min_relative_scale: 0.05,
            level_window: 0,
            onset_lookback: 0,
        }
    }
}

impl AnomalyConfig {
    /// Machine-metric streams (NAB-like: thousands of points, `season` points a day, no unit
    /// counts): causal, long scale and level windows, one alarm per episode within 3 days, no
    /// level-shift segmentation (the level test covers sustained changes; NAB's what-if table).
    #[must_use]
    pub fn stream(season: usize) -> Self {
        let season = season.max(1);
        Self {
            causal: true,
            season,
            level_shift_run: 0,
            scale_window: 2000,
            min_scale: 0.0,
            min_relative_scale: 0.001,
            level_window: 6400,
            onset_lookback: 3 * season,
            ..Self::default()
        }
    }

    /// The scale floor for a series whose typical absolute level is `level`.
    #[must_use]
    pub fn floor(&self, level: f64) -> f64 {
        (self.min_relative_scale * level).max(self.min_scale).max(f64::MIN_POSITIVE)
    }
}

/// One anomalous point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anomaly {
    pub index: usize,
    pub value: f64,
    /// What the baseline expected.
    pub expected: f64,
    /// Signed robust z: deviation ÷ scale.
    pub score: f64,
    pub label: AnomalyLabel,
    pub severity: Severity,
    pub explanation: String,
}

impl Anomaly {
    /// A 0..1 score, higher = more anomalous (0.5 at the threshold).
    #[must_use]
    pub fn normalised(&self, threshold: f64) -> f64 {
        normalise(self.score, threshold)
    }
}

/// Maps |z| to 0..1: 0.5 at the threshold, approaching 1 for extreme points.
#[must_use]
pub fn normalise(z: f64, threshold: f64) -> f64 {
    let z = z.abs();
    if z.is_finite() { z / (z + threshold) } else { 1.0 }
}

/// Severity by how far past the threshold: LOW ≥ 1×, MEDIUM ≥ 1.5×, HIGH ≥ 2×.
#[must_use]
pub fn severity(z: f64, threshold: f64) -> Severity {
    let ratio = z.abs() / threshold;
    if ratio >= 2.0 {
        Severity::High
    } else if ratio >= 1.5 {
        Severity::Medium
    } else {
        Severity::Low
    }
}
