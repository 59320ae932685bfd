//! Closed days. A shop that never opens on some weekday, or closes for a holiday, sells nothing
//! then, and that zero is not demand: fitted as data it drags levels down, splits seasonal
//! indices and makes every smoothing model forecast sales on days the doors are shut.
//!
//! Weekdays that have been zero in every recent week are detected and removed from the series
//! (a 7-day season with one closed day becomes a 6-day one); calendar closures (`holidays`) are
//! replaced by the mean of the same position in the nearest open seasons; zeros in a series
//! that is almost never zero are treated as unrecorded closures the same way. Models fit the
//! compressed, repaired series, and the forecast is expanded back with zeros on closed days.

use super::{Forecast, Interval};

/// Seasons looked back on to decide that a weekday is closed.
const RECENT_SEASONS: usize = 8;
/// Seasons needed before a weekday may be called closed.
const MIN_SEASONS: usize = 4;
/// A series whose open days are zero less often than this treats a zero as a missed closure.
const RARE_ZEROS: f64 = 0.05;
/// Same-position seasons averaged to repair a closed day.
const REPAIR_SEASONS: usize = 4;

/// How a series maps to the compressed, repaired series the models fit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Closures {
    /// Per position in the season: never open.
    closed_phase: Vec<bool>,
    /// Calendar closures for history and horizon, when known.
    holidays: Option<Vec<bool>>,
}

/// The series the models see.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Compressed {
    pub(crate) history: Vec<f64>,
    pub(crate) season: usize,
    pub(crate) horizon: usize,
    pub(crate) holidays: Option<Vec<bool>>,
}

impl Closures {
    /// Detects closed weekdays in `history` (`season` ≥ 2) and takes calendar closures from
    /// `holidays` (history then horizon). `None` when nothing is closed.
    pub(crate) fn detect(history: &[f64], season: usize, holidays: Option<&[bool]>) -> Option<Self> {
        let n = history.len();
        let mut closed_phase = vec![false; season.max(1)];
        if season >= 2 && n >= MIN_SEASONS * season {
            let recent = n.min(RECENT_SEASONS * season);
            for (p, closed) in closed_phase.iter_mut().enumerate() {
                *closed = (n - recent..n).filter(|t| t % season == p).all(|t| history[t] == 0.0);
            }
            if closed_phase.iter().filter(|c| !**c).count() < 2 {
                closed_phase.fill(false);
            }
        }
        let holidays = holidays.filter(|h| h.iter().any(|v| *v)).map(<[bool]>::to_vec);
        (closed_phase.iter().any(|c| *c) || holidays.is_some()).then_some(Self { closed_phase, holidays })
    }

    fn phase_closed(&self, t: usize) -> bool {
        self.closed_phase[t % self.closed_phase.len()]
    }

    fn holiday(&self, t: usize) -> bool {
        self.holidays.as_ref().is_some_and(|h| h.get(t).copied().unwrap_or(false))
    }

    /// The compressed series for `horizon` steps, with closed days repaired.
    pub(crate) fn compress(&self, history: &[f64], horizon: usize) -> Compressed {
        let n = history.len();
        let kept: Vec<usize> = (0..n).filter(|t| !self.phase_closed(*t)).collect();
        let open_phases = self.closed_phase.iter().filter(|c| !**c).count();
        let season = if open_phases >= 2 { open_phases } else { 1 };
        let mut values: Vec<f64> = kept.iter().map(|t| history[*t]).collect();
        let zeros = values.iter().filter(|v| **v == 0.0).count() as f64 / values.len().max(1) as f64;
        let missing: Vec<bool> =
            kept.iter().zip(&values).map(|(t, v)| self.holiday(*t) || (zeros < RARE_ZEROS && *v == 0.0)).collect();
        repair(&mut values, &missing, season);
        let future = (n..n + horizon).filter(|t| !self.phase_closed(*t));
        let holidays = self
            .holidays
            .as_ref()
            .map(|_| kept.iter().copied().chain(future.clone()).map(|t| self.holiday(t)).collect());
        Compressed { history: values, season, horizon: future.count(), holidays }
    }

    /// The forecast for every day of the horizon: zero (with zero-width intervals) on closed
    /// days, the compressed forecast in order on the others.
    pub(crate) fn expand(&self, n: usize, horizon: usize, compressed: Forecast) -> Forecast {
        let open: Vec<Option<usize>> = {
            let mut next = 0;
            (n..n + horizon)
                .map(|t| {
                    if self.phase_closed(t) {
                        return None;
                    }
                    next += 1;
                    (!self.holiday(t)).then_some(next - 1)
                })
                .collect()
        };
        let pick = |v: &[f64]| open.iter().map(|i| i.map_or(0.0, |i| v[i])).collect::<Vec<f64>>();
        let band = |b: &Interval| Interval { lower: pick(&b.lower), upper: pick(&b.upper) };
        Forecast {
            points: pick(&compressed.points),
            interval80: band(&compressed.interval80),
            interval95: band(&compressed.interval95),
            ..compressed
        }
    }
}

/// Replaces `missing` values by the mean of the same position in up to [`REPAIR_SEASONS`]
/// earlier seasons that are not missing (later ones when there are none before), else by the
/// mean of everything present.
fn repair(values: &mut [f64], missing: &[bool], season: usize) {
    let present: Vec<f64> = values.iter().zip(missing).filter(|(_, m)| !**m).map(|(v, _)| *v).collect();
    if present.is_empty() || present.len() == values.len() {
        return;
    }
    let overall = present.iter().sum::<f64>() / present.len() as f64;
    let original = values.to_vec();
    let n = values.len();
    for t in (0..n).filter(|t| missing[*t]) {
        let before = (1..).map_while(|k| t.checked_sub(k * season));
        let after = (1..).map(|k| t + k * season).take_while(|u| *u < n);
        let pick = |it: &mut dyn Iterator<Item = usize>| -> Vec<f64> {
            it.filter(|u| !missing[*u]).take(REPAIR_SEASONS).map(|u| original[u]).collect()
        };
        let mut near = pick(&mut before.into_iter());
        if near.is_empty() {
            near = pick(&mut after.into_iter());
        }
        values[t] = if near.is_empty() { overall } else { near.iter().sum::<f64>() / near.len() as f64 };
    }
}
