//! The stream profile with one setting changed at a time, scored on NAB: what each part of the
//! detector is worth.

use domain::anomaly::AnomalyConfig;

use crate::data::NabFile;
use crate::nab_run::{DetectorRun, our_scores, run_detector};
use crate::report::{Table, num};

/// One variation: a label and how it changes the profile for a season.
type Change = (&'static str, fn(usize) -> AnomalyConfig);

/// The variations.
pub const CHANGES: [Change; 13] = [
    ("the stream profile (reported)", AnomalyConfig::stream),
    ("with level-shift segmentation (runs of 5)", |m| AnomalyConfig { level_shift_run: 5, ..AnomalyConfig::stream(m) }),
    ("scale of the last 1000 residuals", |m| AnomalyConfig { scale_window: 1000, ..AnomalyConfig::stream(m) }),
    ("scale of the last 4000 residuals", |m| AnomalyConfig { scale_window: 4000, ..AnomalyConfig::stream(m) }),
    ("scale of the last 6400 residuals", |m| AnomalyConfig { scale_window: 6400, ..AnomalyConfig::stream(m) }),
    ("scale of the last 91 residuals (daily-sales setting)", |m| AnomalyConfig {
        scale_window: 91,
        ..AnomalyConfig::stream(m)
    }),
    ("level window 9000, scale window 1750", |m| AnomalyConfig {
        level_window: 9000,
        scale_window: 1750,
        ..AnomalyConfig::stream(m)
    }),
    ("level window 9000, scale window 1250", |m| AnomalyConfig {
        level_window: 9000,
        scale_window: 1250,
        ..AnomalyConfig::stream(m)
    }),
    ("without the onset rule", |m| AnomalyConfig { onset_lookback: 0, ..AnomalyConfig::stream(m) }),
    ("onset lookback 1 day", |m| AnomalyConfig { onset_lookback: m, ..AnomalyConfig::stream(m) }),
    ("onset lookback 7 days", |m| AnomalyConfig { onset_lookback: 7 * m, ..AnomalyConfig::stream(m) }),
    ("without the level test", |m| AnomalyConfig { level_window: 0, ..AnomalyConfig::stream(m) }),
    ("season = 1 (each point against the 4 before it)", |m| AnomalyConfig { season: 1, ..AnomalyConfig::stream(m) }),
];

/// Every variation's score, as a markdown table, and the time it took.
#[must_use]
pub fn table(files: &[NabFile]) -> (String, f64) {
    let started = std::time::Instant::now();
    let runs: Vec<DetectorRun> =
        CHANGES.iter().map(|(label, change)| run_detector(files, label, |f| our_scores(f, change))).collect();
    let windows: usize = files.iter().map(|f| f.windows.len()).sum();
    let mut t = Table::new(&["variation", "NAB score", "windows found", "FP rows"]);
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
