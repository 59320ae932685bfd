//! What-if experiments on NAB that size the detector changes the report suggests. Nothing here
//! is production code: each rule post-processes or replaces our scores, one rule for the corpus.

use std::collections::VecDeque;

use domain::anomaly::AnomalyConfig;

use crate::data::NabFile;
use crate::nab_run::{DetectorRun, SeasonRule, our_scores, run_detector};
use crate::report::{Table, num};

/// Keeps a score only where it is higher than every score of the previous `lookback` rows (the
/// onset of an alarm), 0 elsewhere. NAB charges every detected row outside a window, so a
/// detector whose score stays high for as long as a shift lasts pays for each of those rows.
#[must_use]
pub fn onset_only(scores: &[f64], lookback: usize) -> Vec<f64> {
    // A monotonically decreasing deque of indices: the front is the maximum of the window.
    let mut window: VecDeque<usize> = VecDeque::new();
    let mut out = Vec::with_capacity(scores.len());
    for (t, &s) in scores.iter().enumerate() {
        while window.front().is_some_and(|&i| i + lookback < t) {
            window.pop_front();
        }
        out.push(if window.front().is_none_or(|&i| scores[i] < s) { s } else { 0.0 });
        while window.back().is_some_and(|&i| scores[i] <= s) {
            window.pop_back();
        }
        window.push_back(t);
    }
    out
}

fn median(sorted: &[f64]) -> f64 {
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

/// Robust z of each value against the median and MAD of the previous `window` values, refreshed
/// every `step` rows (as windowedGaussian refreshes its mean and std), mapped to z / (z + 3.5)
/// like our detector's scores. A long window makes the scale reflect a series' usual variability
/// rather than the last few points'.
#[must_use]
pub fn long_window_z(values: &[f64], window: usize, step: usize) -> Vec<f64> {
    const WARM_UP: usize = 10;
    let (mut centre, mut scale) = (0.0, f64::INFINITY);
    let mut out = vec![0.0; values.len()];
    for t in WARM_UP..values.len() {
        if (t - WARM_UP).is_multiple_of(step.max(1)) {
            let mut past: Vec<f64> = values[t.saturating_sub(window)..t].to_vec();
            past.sort_by(f64::total_cmp);
            centre = median(&past);
            let mut dev: Vec<f64> = past.iter().map(|v| (v - centre).abs()).collect();
            dev.sort_by(f64::total_cmp);
            scale = (1.4826 * median(&dev)).max(1e-9 + 0.01 * centre.abs());
        }
        let z = (values[t] - centre).abs() / scale;
        out[t] = z / (z + 3.5);
    }
    out
}

/// The experiments and their scores, as a markdown table.
#[must_use]
pub fn table(files: &[NabFile], base: &AnomalyConfig) -> (String, f64) {
    let started = std::time::Instant::now();
    let runs: Vec<DetectorRun> = vec![
        run_detector(files, "ours, season = 1, onset only (lookback 288 rows)", |f| {
            onset_only(&our_scores(f, SeasonRule::None, base), 288)
        }),
        run_detector(files, "ours, season = 1, onset only (lookback 1000 rows)", |f| {
            onset_only(&our_scores(f, SeasonRule::None, base), 1000)
        }),
        run_detector(files, "ours, season = 1 day, onset only (lookback 1000 rows)", |f| {
            onset_only(&our_scores(f, SeasonRule::Daily, base), 1000)
        }),
        run_detector(files, "median/MAD of the last 6400 rows, no onset filter", |f| {
            long_window_z(&f.values, 6400, 100)
        }),
        run_detector(files, "median/MAD of the last 6400 rows, onset only (lookback 1000 rows)", |f| {
            onset_only(&long_window_z(&f.values, 6400, 100), 1000)
        }),
    ];
    let windows: usize = files.iter().map(|f| f.windows.len()).sum();
    let mut t = Table::new(&["experiment (not production code)", "NAB score", "windows found", "FP rows"]);
    for run in &runs {
        t.row(vec![
            run.label.clone(),
            num(run.corpus.normalised, 1),
            format!("{} / {windows}", run.detected.iter().sum::<usize>()),
            run.corpus.files.iter().map(|f| f.fp).sum::<usize>().to_string(),
        ]);
    }
    (t.render(), started.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onset_only_keeps_new_maxima_within_the_lookback() {
        let s = [0.1, 0.9, 0.8, 0.95, 0.2, 0.1, 0.3];
        assert_eq!(onset_only(&s, 2), [0.1, 0.9, 0.0, 0.95, 0.0, 0.0, 0.3]);
        assert_eq!(onset_only(&s, 0), s, "no lookback: nothing suppressed");
    }

    #[test]
    fn long_window_z_scores_departures_from_the_window() {
        let mut v: Vec<f64> = (0..200).map(|i| 10.0 + f64::from(i % 3)).collect();
        v.push(100.0);
        let s = long_window_z(&v, 100, 10);
        // Median 11, MAD 1 → scale 1.4826: 100 is z = 60, score 60 / 63.5.
        assert!((s[200] - 60.03 / 63.53).abs() < 1e-3 && s[100] < 0.5, "{} {}", s[200], s[100]);
        assert_eq!(s[5], 0.0, "warm-up");
    }
}
