//! Robust scales over a sliding window: the MAD of the last `window` values (times 1.4826, so a
//! normal series gets its standard deviation), recomputed every `window / 64` points.
//! Recomputing in steps keeps the cost linear (median by selection, not sorting) while the
//! scale still follows a series whose variability changes.

/// Refreshes per window: a refresh costs O(window), so O(64) a point.
const REFRESHES: usize = 64;
/// Values needed before a scale is trusted.
const MIN_VALUES: usize = 3;

/// The median of `values` (reordered in place); 0 for none.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (_, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return upper;
    }
    let lower = values[..n / 2].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// 1.4826 × the median absolute deviation from `centre`.
pub(crate) fn mad(values: &[f64], centre: f64, buf: &mut Vec<f64>) -> f64 {
    buf.clear();
    buf.extend(values.iter().map(|v| (v - centre).abs()));
    1.4826 * median(buf)
}

/// A rolling robust scale of residuals (deviations from a baseline, centred on zero).
pub(crate) struct RollingScale {
    window: usize,
    every: usize,
    residuals: Vec<f64>,
    current: Option<f64>,
    buf: Vec<f64>,
}

impl RollingScale {
    pub(crate) fn new(window: usize) -> Self {
        let window = window.max(MIN_VALUES);
        Self { window, every: (window / REFRESHES).max(1), residuals: Vec::new(), current: None, buf: Vec::new() }
    }

    /// The scale before the newest residual is added; `None` until there are enough.
    pub(crate) const fn get(&self) -> Option<f64> {
        self.current
    }

    /// Adds a residual (clipped by the caller, so one spike does not inflate the scale).
    pub(crate) fn push(&mut self, residual: f64) {
        self.residuals.push(residual);
        let n = self.residuals.len();
        if n >= MIN_VALUES && (self.current.is_none() || n.is_multiple_of(self.every)) {
            let recent = &self.residuals[n.saturating_sub(self.window)..];
            self.current = Some(mad(recent, 0.0, &mut self.buf));
        }
    }
}

/// For streams: how far each value is from the median of the `window` values before it, in
/// robust scales (0 until there are enough). Catches excursions that a short seasonal baseline
/// would absorb, e.g. a level that drifts for days.
pub(crate) fn level_z(values: &[f64], window: usize, min_scale: impl Fn(f64) -> f64) -> Vec<f64> {
    let every = (window / REFRESHES).max(1);
    let (mut centre, mut scale) = (0.0, None::<f64>);
    let (mut past, mut buf) = (Vec::new(), Vec::new());
    let mut z = vec![0.0; values.len()];
    for t in 0..values.len() {
        if t >= MIN_VALUES && (scale.is_none() || t % every == 0) {
            past.clear();
            past.extend_from_slice(&values[t.saturating_sub(window)..t]);
            centre = median(&mut past);
            scale = Some(mad(&values[t.saturating_sub(window)..t], centre, &mut buf).max(min_scale(centre)));
        }
        if let Some(s) = scale.filter(|s| *s > 0.0) {
            z[t] = (values[t] - centre) / s;
        }
    }
    z
}

/// Keeps `scores[t]` only where it is higher than every score of the previous `lookback`
/// points, 0 elsewhere: one alarm at the onset of an episode instead of one per point for as
/// long as it lasts. O(n) with a monotone queue.
pub(crate) fn onset_only(scores: &mut [f64], lookback: usize) {
    if lookback == 0 {
        return;
    }
    let original = scores.to_vec();
    let mut window = std::collections::VecDeque::<usize>::new();
    for (t, &s) in original.iter().enumerate() {
        while window.front().is_some_and(|&i| i + lookback < t) {
            window.pop_front();
        }
        if window.front().is_some_and(|&i| original[i].abs() >= s.abs()) {
            scores[t] = 0.0;
        }
        while window.back().is_some_and(|&i| original[i].abs() <= s.abs()) {
            window.pop_back();
        }
        window.push_back(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_mads() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
        let mut buf = Vec::new();
        assert!((mad(&[1.0, 2.0, 3.0, 4.0, 100.0], 3.0, &mut buf) - 1.4826).abs() < 1e-12);
    }

    #[test]
    fn the_rolling_scale_follows_the_last_window() {
        let mut s = RollingScale::new(64);
        assert_eq!(s.get(), None);
        for i in 0..64 {
            s.push(if i % 2 == 0 { 1.0 } else { -1.0 });
        }
        assert!((s.get().expect("scale") - 1.4826).abs() < 1e-12);
        for i in 0..64 {
            s.push(if i % 2 == 0 { 10.0 } else { -10.0 });
        }
        assert!((s.get().expect("scale") - 14.826).abs() < 1e-9, "the old residuals left the window");
    }

    #[test]
    fn level_z_and_onsets() {
        let mut v = vec![10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0];
        v.push(30.0);
        let z = level_z(&v, 100, |_| 0.0);
        assert!(z[7] > 10.0 && z[5].abs() < 2.0, "{z:?}");
        let mut s = [0.1, 0.9, 0.8, 0.95, 0.2, 0.1, 0.3];
        onset_only(&mut s, 2);
        assert_eq!(s, [0.1, 0.9, 0.0, 0.95, 0.0, 0.0, 0.3]);
    }
}
