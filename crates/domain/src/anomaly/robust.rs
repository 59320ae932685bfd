//! The robust detector: each point against the median of the same position in nearby seasons
//! (same weekday), scaled by a robust deviation.
//!
//! One causal pass first finds level shifts: runs of `level_shift_run` points on one side of the
//! past-only baseline, beyond half the threshold. They split the series into segments, and no
//! baseline crosses a segment boundary, so a shift is reported once instead of contaminating the
//! points around it. Non-causal mode then judges each point against neighbours on both sides
//! within its segment and one robust scale (MAD); causal mode keeps the past-only baselines and
//! a rolling MAD of the last `scale_window` residuals, clipped so one spike does not make the
//! next look normal.
//!
//! For streams, `level_window` adds a second test (each value against the median and MAD of the
//! values before it; the larger |z| wins) and `onset_lookback` keeps one alarm per episode.

use super::scale::{RollingScale, level_z, median, onset_only};
use super::{Anomaly, AnomalyConfig, AnomalyLabel, normalise, severity};

/// Seasons on each side (or before, when causal) that form the baseline.
const SEASONS: usize = 4;
/// Weight of each new value in the typical level that sets the relative scale floor.
const WEIGHT: f64 = 0.05;
/// Residuals enter the rolling scale clipped at this many scales.
const CLIP: f64 = 3.0;

/// The baseline of `t` from same-position neighbours in `[from, to)`.
fn baseline(
    values: &[f64],
    t: usize,
    step: usize,
    (from, to): (usize, usize),
    causal: bool,
    buf: &mut Vec<f64>,
) -> Option<f64> {
    buf.clear();
    for k in 1..=SEASONS {
        if let Some(i) = t.checked_sub(k * step).filter(|i| *i >= from) {
            buf.push(values[i]);
        }
        if !causal && t + k * step < to {
            buf.push(values[t + k * step]);
        }
    }
    (buf.len() >= 2).then(|| median(buf))
}

/// The causal pass: z-scores against the past, and where level shifts start.
struct Causal {
    z: Vec<f64>,
    expected: Vec<Option<f64>>,
    shifts: Vec<(usize, f64)>,
}

fn causal_pass(values: &[f64], config: &AnomalyConfig) -> Causal {
    let step = config.season.max(1);
    let (mut z, mut expected) = (vec![0.0; values.len()], vec![None; values.len()]);
    let (mut shifts, mut segment, mut run) = (Vec::new(), 0, None::<(usize, f64)>);
    let mut rolling = RollingScale::new(config.scale_window);
    let mut level = None::<f64>;
    let mut buf = Vec::with_capacity(SEASONS);
    for t in 0..values.len() {
        let floor = config.floor(level.unwrap_or(0.0));
        level = Some(level.map_or(values[t].abs(), |l| l + WEIGHT * (values[t].abs() - l)));
        let Some(base) = baseline(values, t, step, (segment, t), true, &mut buf) else { continue };
        let dev = values[t] - base;
        let scale = rolling.get().map_or(f64::INFINITY, |m| m.max(floor));
        let score = if (dev / scale).is_finite() { dev / scale } else { 0.0 };
        (z[t], expected[t]) = (score, Some(base));
        rolling.push(if scale.is_finite() { dev.clamp(-CLIP * scale, CLIP * scale) } else { dev });
        let side = if score >= config.threshold / 2.0 {
            1.0
        } else if score <= -config.threshold / 2.0 {
            -1.0
        } else {
            0.0
        };
        run = match run {
            Some((start, s)) if side == s && side != 0.0 && t >= config.min_history => Some((start, s)),
            _ if side != 0.0 && t >= config.min_history => Some((t, side)),
            _ => None,
        };
        if let Some((start, _)) = run.filter(|(start, _)| t + 1 - start == config.level_shift_run) {
            let mean = z[start..=t].iter().sum::<f64>() / config.level_shift_run as f64;
            shifts.push((start, mean));
            (segment, run) = (start, None);
        }
    }
    Causal { z, expected, shifts }
}

/// Non-causal z-scores: both-sided baselines within segments, one MAD scale.
fn two_sided(values: &[f64], config: &AnomalyConfig, shifts: &[(usize, f64)]) -> (Vec<f64>, Vec<Option<f64>>) {
    let step = config.season.max(1);
    let bounds: Vec<usize> =
        std::iter::once(0).chain(shifts.iter().map(|s| s.0)).chain(std::iter::once(values.len())).collect();
    let mut buf = Vec::with_capacity(2 * SEASONS);
    let mut expected = vec![None; values.len()];
    for w in bounds.windows(2) {
        for (t, slot) in expected.iter_mut().enumerate().take(w[1]).skip(w[0]) {
            *slot = baseline(values, t, step, (w[0], w[1]), false, &mut buf);
        }
    }
    let mut abs: Vec<f64> = expected.iter().enumerate().filter_map(|(t, e)| e.map(|b| (values[t] - b).abs())).collect();
    let mut levels: Vec<f64> = values.iter().map(|v| v.abs()).collect();
    let scale = (1.4826 * median(&mut abs)).max(config.floor(median(&mut levels)));
    let z = expected.iter().enumerate().map(|(t, e)| e.map_or(0.0, |b| (values[t] - b) / scale)).collect();
    (z, expected)
}

/// The z-scores of `values` as configured, and the baselines.
fn scores(values: &[f64], config: &AnomalyConfig, causal: &Causal) -> (Vec<f64>, Vec<Option<f64>>) {
    let (mut z, expected) = if config.causal {
        (causal.z.clone(), causal.expected.clone())
    } else {
        two_sided(values, config, &causal.shifts)
    };
    if config.level_window > 0 {
        let level = level_z(values, config.level_window, |centre| config.floor(centre.abs()));
        for (z, l) in z.iter_mut().zip(level) {
            if l.abs() > z.abs() {
                *z = l;
            }
        }
    }
    onset_only(&mut z, config.onset_lookback);
    (z, expected)
}

/// Anomalies of `values`; points flagged in `skip` (e.g. known closing days) are never reported.
#[must_use]
pub fn detect_robust(values: &[f64], config: &AnomalyConfig, skip: Option<&[bool]>) -> Vec<Anomaly> {
    let causal = causal_pass(values, config);
    let (z, expected) = scores(values, config, &causal);
    let in_shift = |t: usize| causal.shifts.iter().any(|(start, _)| t >= *start && t < start + config.level_shift_run);
    let skipped = |t: usize| skip.is_some_and(|s| s.get(t).copied().unwrap_or(false));
    let mut found: Vec<Anomaly> = causal
        .shifts
        .iter()
        .map(|(start, mean)| {
            // Causal: known only once the run is seen; otherwise dated at its start.
            let index = if config.causal { start + config.level_shift_run - 1 } else { *start };
            anomaly(values, &expected, index, *mean, AnomalyLabel::LevelShift, config.threshold)
        })
        .collect();
    for t in (config.min_history..values.len()).filter(|t| !in_shift(*t) && !skipped(*t) && expected[*t].is_some()) {
        if z[t].abs() >= config.threshold {
            let label = AnomalyLabel::classify(values[t], z[t]);
            found.push(anomaly(values, &expected, t, z[t], label, config.threshold));
        }
    }
    found.sort_by_key(|a| a.index);
    found
}

fn anomaly(
    values: &[f64],
    expected: &[Option<f64>],
    index: usize,
    z: f64,
    label: AnomalyLabel,
    threshold: f64,
) -> Anomaly {
    let base = expected[index].unwrap_or(values[index]);
    // A level shift is beyond half the threshold at every point of its run: at least MEDIUM.
    let graded = if label == AnomalyLabel::LevelShift { z.abs().max(1.5 * threshold) } else { z.abs() };
    Anomaly {
        index,
        value: values[index],
        expected: base,
        score: z,
        label,
        severity: severity(graded, threshold),
        explanation: explain(label, values[index], base),
    }
}

/// The user-facing sentence of an anomaly.
pub(crate) fn explain(label: AnomalyLabel, value: f64, expected: f64) -> String {
    format!("{} Observed {value:.2} against about {expected:.2} expected.", label.explanation())
}

/// Per-point scores in 0..1 (0.5 at the threshold), for streams and evaluation; 0 before
/// `min_history`.
#[must_use]
pub fn point_scores(values: &[f64], config: &AnomalyConfig) -> Vec<f64> {
    let causal = causal_pass(values, config);
    let (z, _) = scores(values, config, &causal);
    z.iter()
        .enumerate()
        .map(|(t, z)| if t < config.min_history { 0.0 } else { normalise(*z, config.threshold) })
        .collect()
}
