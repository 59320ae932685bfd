//! Anomalies injected into the real retail revenue series at random trading days, with a fixed
//! seed, then matched against the default detector's findings.

use std::collections::BTreeSet;

use domain::anomaly::{AnomalyConfig, detect_robust, point_scores};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::anomalies::{Kind, Tally, Truth};
use crate::data::DailySeries;

/// What to inject, where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InjectConfig {
    pub seed: u64,
    /// One-day spikes: revenue × 3.
    pub spikes: usize,
    /// Trading days with no revenue at all.
    pub zero_days: usize,
    /// One-day drops to 30 % of the revenue.
    pub drops: usize,
    pub shift_days: usize,
    /// The level shift's multiplier (a lost wholesale customer, a site outage: half the revenue).
    pub shift_factor: f64,
    /// Minimum days between two injected anomalies, so no baseline sees two of them at once.
    pub spacing: usize,
    /// Days kept free at either end, so every injected day has neighbours on both sides.
    pub margin: usize,
}

impl Default for InjectConfig {
    fn default() -> Self {
        Self {
            seed: 20_240_601,
            spikes: 8,
            zero_days: 6,
            drops: 6,
            shift_days: 14,
            shift_factor: 0.5,
            spacing: 7,
            margin: 28,
        }
    }
}

/// The series with the anomalies injected, and where they are (sorted by start).
#[must_use]
pub fn inject(values: &[f64], config: &InjectConfig) -> (Vec<f64>, Vec<Truth>) {
    let n = values.len();
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut truths: Vec<Truth> = Vec::new();
    let free = |truths: &[Truth], start: usize, end: usize| {
        truths.iter().all(|t| end + config.spacing < t.start || start > t.end + config.spacing)
    };
    let last = n.saturating_sub(config.margin + config.shift_days);
    if last > config.margin {
        let start = rng.random_range(config.margin..last);
        truths.push(Truth { kind: Kind::LevelShift, start, end: start + config.shift_days - 1 });
    }
    for (kind, count) in [(Kind::Spike, config.spikes), (Kind::ZeroDay, config.zero_days), (Kind::Drop, config.drops)] {
        let mut placed = 0;
        // Bounded attempts: a series too short for the request gets fewer anomalies, not a hang.
        for _ in 0..10_000 {
            if placed == count || n <= 2 * config.margin {
                break;
            }
            let i = rng.random_range(config.margin..n - config.margin);
            if values[i] > 0.0 && free(&truths, i, i) {
                truths.push(Truth { kind, start: i, end: i });
                placed += 1;
            }
        }
    }
    truths.sort_by_key(|t| t.start);
    let mut out = values.to_vec();
    for t in &truths {
        for v in &mut out[t.start..=t.end] {
            *v *= match t.kind {
                Kind::Spike => 3.0,
                Kind::ZeroDay => 0.0,
                Kind::Drop => 0.3,
                Kind::LevelShift => config.shift_factor,
            };
        }
    }
    (out, truths)
}

/// The retail series' matches.
#[derive(Clone, Debug, PartialEq)]
pub struct RetailAnomalies {
    pub tally: Tally,
    /// Detections on the untouched series.
    pub clean_detections: usize,
    pub truths: Vec<Truth>,
    /// Missed anomalies, described.
    pub missed: Vec<String>,
}

/// Injects, detects (original zero days skipped) and matches.
#[must_use]
pub fn evaluate(series: &DailySeries, config: &InjectConfig) -> RetailAnomalies {
    let detector = AnomalyConfig::default();
    let skip: Vec<bool> = series.values.iter().map(|v| *v == 0.0).collect();
    let clean: BTreeSet<usize> =
        detect_robust(&series.values, &detector, Some(&skip)).into_iter().map(|a| a.index).collect();
    let (injected, truths) = inject(&series.values, config);
    let found = detect_robust(&injected, &detector, Some(&skip));
    let tally = Tally::of(&found, &truths, |i| clean.contains(&i));
    // The robust z the detector gave a missed anomaly (its largest over the hit window): how far
    // below the threshold it stayed.
    let scores = point_scores(&injected, &detector);
    let z = |t: &Truth| {
        (t.start..(t.start + t.kind.hit_days()).min(scores.len()))
            .map(|i| detector.threshold * scores[i] / (1.0 - scores[i]).max(1e-9))
            .fold(0.0, f64::max)
    };
    let missed = tally
        .missed
        .iter()
        .map(|t| {
            let date = series.dates.get(t.start).map_or_else(String::new, ToString::to_string);
            format!(
                "{} on {date} ({:.0} → {:.0}, z {:.1})",
                t.kind.as_str(),
                series.values[t.start],
                injected[t.start],
                z(t)
            )
        })
        .collect();
    RetailAnomalies { tally, clean_detections: clean.len(), truths, missed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_is_deterministic_spaced_and_on_trading_days() {
        let values: Vec<f64> = (0..739).map(|i| if i % 7 == 5 { 0.0 } else { 100.0 + f64::from(i % 7) }).collect();
        let config = InjectConfig::default();
        let (a, truths) = inject(&values, &config);
        assert_eq!((a.clone(), truths.clone()), inject(&values, &config));
        assert_eq!(truths.len(), 1 + config.spikes + config.zero_days + config.drops);
        assert!(truths.windows(2).all(|w| w[1].start > w[0].end + config.spacing));
        for t in truths.iter().filter(|t| t.kind != Kind::LevelShift) {
            assert!(values[t.start] > 0.0);
            let expected = match t.kind {
                Kind::Spike => 3.0 * values[t.start],
                Kind::Drop => 0.3 * values[t.start],
                _ => 0.0,
            };
            assert!((a[t.start] - expected).abs() < 1e-9);
        }
    }
}
