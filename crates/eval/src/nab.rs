//! NAB v1.1 scoring, reproduced from numenta/NAB (`nab/sweeper.py`, `nab/optimizer.py`,
//! `nab/scorer.py`, the normalisation in `nab/runner.py`, `config/profiles.json`):
//!
//! * the first min(⌊0.15·n⌋, 750) rows of a file are probationary and never scored;
//! * every row gets a sweep score. Inside a window of `width` rows ending at `right`:
//!   σ(−(right − i + 1) / width) · tp / σ(−1), i.e. exactly `tp` at the window's first row and
//!   almost 0 at its last, where σ(x) = 2 / (1 + e^{5x}) − 1 (−1 beyond x > 3). Outside: −fp
//!   before any window, else σ(|prevRight − i| / (prevWidth − 1)) · fp after the last window;
//! * a window counts once, with its best (= earliest) detection, or −fn when missed; every
//!   detection outside windows adds its (negative) sweep score;
//! * a row is a detection when its anomaly score ≥ the threshold; the threshold is the distinct
//!   score that maximises the corpus total (ties: the highest threshold);
//! * normalised = 100 · (raw − null) / (perfect − null), perfect = windows · tp, null = the raw
//!   score of NAB's null detector (a constant score) at its own optimised threshold.

use std::collections::HashMap;

/// Weights of a NAB profile (tnWeight is unused by the scorer).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostMatrix {
    pub tp: f64,
    pub fp: f64,
    pub fn_weight: f64,
}

/// The standard profile of `config/profiles.json`.
pub const STANDARD: CostMatrix = CostMatrix { tp: 1.0, fp: 0.11, fn_weight: 1.0 };

/// A window as an inclusive `(first, last)` row range.
pub type Window = (usize, usize);

/// One file for the corpus scorer: its anomaly scores and its windows.
pub type ScoredFile<'a> = (Vec<f64>, &'a [Window]);

/// NAB's `probationaryPercent`.
pub const PROBATION_PERCENT: f64 = 0.15;

/// `scaledSigmoid`: 2·sigmoid(−5x) − 1, and −1 beyond x > 3.
#[must_use]
pub fn scaled_sigmoid(position: f64) -> f64 {
    if position > 3.0 { -1.0 } else { 2.0 / (1.0 + (5.0 * position).exp()) - 1.0 }
}

/// `_getProbationaryLength`: rows with an index below this are probationary.
#[must_use]
pub fn probationary_length(rows: usize) -> f64 {
    (PROBATION_PERCENT * rows as f64).floor().min(PROBATION_PERCENT * 5000.0)
}

/// Where a row lies for scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Probation,
    Outside,
    /// Inside the window with this corpus-wide id.
    Window(usize),
}

/// A row after `calcSweepScore`: its anomaly score, its weighted sweep score, its zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub score: f64,
    pub sweep: f64,
    pub zone: Zone,
}

/// `calcSweepScore` for one file. `windows` are inclusive `(first, last)` row ranges, ordered and
/// disjoint; their ids are `first_id, first_id + 1, …` so several files can be pooled.
#[must_use]
pub fn sweep_rows(scores: &[f64], windows: &[Window], first_id: usize, cost: &CostMatrix) -> Vec<Row> {
    let max_tp = scaled_sigmoid(-1.0);
    let probation = probationary_length(scores.len());
    let mut next = 0;
    // (id, right, width) of the window being crossed, (right, width) of the last one left.
    let mut current: Option<(usize, usize, f64)> = None;
    let mut previous: Option<(usize, f64)> = None;
    let mut rows = Vec::with_capacity(scores.len());
    for (i, &score) in scores.iter().enumerate() {
        if let Some(&(first, last)) = windows.get(next).filter(|w| w.0 == i) {
            current = Some((first_id + next, last, (last - first + 1) as f64));
            next += 1;
        }
        let (sweep, zone) = match (current, previous) {
            (Some((id, right, width)), _) => {
                let position = -((right - i + 1) as f64) / width;
                (scaled_sigmoid(position) * cost.tp / max_tp, Zone::Window(id))
            }
            (None, None) => (-cost.fp, Zone::Outside),
            // A one-row window divides by zero in NAB too; +∞ gives the far-away score, −fp.
            (None, Some((right, width))) => {
                (scaled_sigmoid(i.abs_diff(right) as f64 / (width - 1.0)) * cost.fp, Zone::Outside)
            }
        };
        let zone = if (i as f64) >= probation { zone } else { Zone::Probation };
        rows.push(Row { score, sweep, zone });
        if let Some((_, right, width)) = current.filter(|c| c.1 == i) {
            previous = Some((right, width));
            current = None;
        }
    }
    rows
}

/// The score and row counts at one threshold (`ThresholdScore`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThresholdScore {
    pub threshold: f64,
    pub score: f64,
    pub tp: usize,
    pub tn: usize,
    pub fp: usize,
    pub fn_count: usize,
}

/// `calcScoreByThreshold`: the score at every distinct anomaly score, highest threshold first,
/// starting at 1.1 (nothing detected).
#[must_use]
pub fn scores_by_threshold(rows: &[Row], cost: &CostMatrix) -> Vec<ThresholdScore> {
    let mut scorable: Vec<&Row> = rows.iter().filter(|r| r.zone != Zone::Probation).collect();
    // Stable, descending, as Python's `sorted(..., reverse=True)`.
    scorable.sort_by(|a, b| b.score.total_cmp(&a.score));
    // scoreParts: "fp" first, then one part per window in order of first appearance; summed in
    // that order at each threshold, as Python's `sum(scoreParts.values())` does.
    let mut order = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for row in &scorable {
        if let Zone::Window(id) = row.zone {
            slot.entry(id).or_insert_with(|| {
                order.push(-cost.fn_weight);
                order.len() - 1
            });
        }
    }
    let mut fp_part = 0.0;
    let mut tn = scorable.iter().filter(|r| r.zone == Zone::Outside).count();
    let mut fn_count = scorable.len() - tn;
    let (mut tp, mut fp) = (0, 0);
    let total = |fp_part: f64, parts: &[f64]| parts.iter().fold(0.0 + fp_part, |s, p| s + p);
    let mut out = Vec::new();
    let mut threshold = 1.1;
    for row in scorable {
        if row.score != threshold {
            out.push(ThresholdScore { threshold, score: total(fp_part, &order), tp, tn, fp, fn_count });
            threshold = row.score;
        }
        match row.zone {
            Zone::Window(id) => {
                (tp, fn_count) = (tp + 1, fn_count - 1);
                let part = &mut order[slot[&id]];
                *part = part.max(row.sweep);
            }
            _ => {
                (fp, tn) = (fp + 1, tn - 1);
                fp_part += row.sweep;
            }
        }
    }
    out.push(ThresholdScore { threshold, score: total(fp_part, &order), tp, tn, fp, fn_count });
    out
}

/// The optimiser's pick: the highest score, the first (highest threshold) among equals.
#[must_use]
pub fn best(table: &[ThresholdScore]) -> Option<ThresholdScore> {
    table.iter().copied().fold(None, |acc, s| match acc {
        Some(b) if b.score >= s.score => Some(b),
        _ => Some(s),
    })
}

/// `scoreDataSet`'s lookup: the row of `threshold`, or of the lowest listed threshold above it.
/// NAB crashes when every score of a file is above the threshold; then everything is detected
/// and the last row is the answer.
#[must_use]
pub fn score_at(table: &[ThresholdScore], threshold: f64) -> Option<ThresholdScore> {
    let mut previous = None;
    for row in table {
        if row.threshold == threshold {
            return Some(*row);
        }
        if row.threshold < threshold {
            return previous.or(Some(*row));
        }
        previous = Some(*row);
    }
    table.last().copied()
}

/// A corpus scored at its optimised threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusScore {
    pub threshold: f64,
    /// Σ of the per-file scores (what NAB's results CSV totals).
    pub raw: f64,
    pub null: f64,
    pub perfect: f64,
    pub normalised: f64,
    /// Each file's score at the corpus threshold, in input order.
    pub files: Vec<ThresholdScore>,
}

/// The optimised threshold and the per-file scores for `files` = (anomaly scores, windows).
fn optimise(files: &[ScoredFile<'_>], cost: &CostMatrix) -> (f64, Vec<ThresholdScore>) {
    let mut pooled = Vec::new();
    let mut per_file = Vec::with_capacity(files.len());
    let mut id = 0;
    for (scores, windows) in files {
        let rows = sweep_rows(scores, windows, id, cost);
        id += windows.len();
        pooled.extend_from_slice(&rows);
        per_file.push(rows);
    }
    let threshold = best(&scores_by_threshold(&pooled, cost)).map_or(1.1, |b| b.threshold);
    let scored = per_file.iter().filter_map(|rows| score_at(&scores_by_threshold(rows, cost), threshold)).collect();
    (threshold, scored)
}

/// Scores a detector's output over a corpus, as `optimize` then `score` then `normalize` do.
#[must_use]
pub fn score_corpus(files: &[ScoredFile<'_>], cost: &CostMatrix) -> CorpusScore {
    let (threshold, scored) = optimise(files, cost);
    let raw = scored.iter().map(|s| s.score).sum::<f64>();
    let constant: Vec<ScoredFile<'_>> = files.iter().map(|(s, w)| (vec![0.5; s.len()], *w)).collect();
    let null = optimise(&constant, cost).1.iter().map(|s| s.score).sum::<f64>();
    let perfect = files.iter().map(|(_, w)| w.len()).sum::<usize>() as f64 * cost.tp;
    CorpusScore { threshold, raw, null, perfect, normalised: normalise(raw, null, perfect), files: scored }
}

/// A score as NAB v1.1's results files hold it: written by Python 2, whose `str(float)` keeps 12
/// significant digits (`0.99999999999977` is stored, then scored, as `1.0`). Without this the
/// published windowed-Gaussian run is not reproduced: its optimal threshold is exactly 1.0.
#[must_use]
pub fn as_written(score: f64) -> f64 {
    format!("{score:.11e}").parse().unwrap_or(score)
}

/// `100 · (raw − null) / (perfect − null)`.
#[must_use]
pub fn normalise(raw: f64, null: f64, perfect: f64) -> f64 {
    100.0 * (raw - null) / (perfect - null)
}

#[cfg(test)]
#[path = "nab_tests.rs"]
mod tests;
