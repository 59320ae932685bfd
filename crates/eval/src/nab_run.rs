//! Our anomaly detector (causal, one configuration for the whole corpus: the stream profile) and
//! NAB's windowed-Gaussian baseline over the 58 NAB files, scored with [`crate::nab`] (standard
//! profile).

use std::path::Path;
use std::time::Instant;

use domain::anomaly::{AnomalyConfig, point_scores};

use crate::data::{self, NabFile};
use crate::nab::{CorpusScore, STANDARD, ScoredFile, probationary_length, score_corpus};
use crate::par::par_map;
use crate::report::{Context, Headline, SectionOutput, Table, num, section_header};
use crate::{EvalError, gaussian};

/// NAB's published windowed-Gaussian standard score, the bar the brief compares against.
pub const PUBLISHED_GAUSSIAN: f64 = 39.649_523_496_077_585;

/// Rows per day from the median spacing of the timestamps; 1 when a row spans a day or more.
#[must_use]
pub fn daily_season(file: &NabFile) -> usize {
    let mut gaps: Vec<i64> =
        file.timestamps.windows(2).map(|w| (w[1] - w[0]).num_seconds()).filter(|g| *g > 0).collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).map_or(1, |median| usize::try_from((86_400 / median).max(1)).unwrap_or(1))
}

/// Our detector's 0..1 scores for `file` with the configuration `config` gives for the file's
/// season (one day in rows).
#[must_use]
pub fn our_scores(file: &NabFile, config: impl Fn(usize) -> AnomalyConfig) -> Vec<f64> {
    point_scores(&file.values, &config(daily_season(file)))
}

/// The reported configuration: the stream profile, season = one day.
#[must_use]
pub fn stream(season: usize) -> AnomalyConfig {
    AnomalyConfig::stream(season)
}

/// The daily-sales defaults, made causal, season = one day: how the sales settings fare here.
#[must_use]
pub fn sales_defaults(season: usize) -> AnomalyConfig {
    AnomalyConfig { causal: true, season, ..AnomalyConfig::default() }
}

/// One detector scored over the corpus.
#[derive(Clone, Debug)]
pub struct DetectorRun {
    pub label: String,
    pub corpus: CorpusScore,
    /// Per file: windows with a detection at the corpus threshold.
    pub detected: Vec<usize>,
    pub seconds: f64,
}

/// Scores `detector` over `files`.
pub fn run_detector(files: &[NabFile], label: &str, detector: impl Fn(&NabFile) -> Vec<f64> + Sync) -> DetectorRun {
    let started = Instant::now();
    let scores: Vec<Vec<f64>> = par_map(files, |f| detector(f).into_iter().map(crate::nab::as_written).collect());
    let seconds = started.elapsed().as_secs_f64();
    let pairs: Vec<ScoredFile<'_>> = scores.iter().zip(files).map(|(s, f)| (s.clone(), f.windows.as_slice())).collect();
    let corpus = score_corpus(&pairs, &STANDARD);
    let detected = scores
        .iter()
        .zip(files)
        .map(|(s, f)| {
            let first = probationary_length(s.len());
            let hit = |&(a, b): &(usize, usize)| (a..=b).any(|i| i as f64 >= first && s[i] >= corpus.threshold);
            f.windows.iter().filter(|w| hit(w)).count()
        })
        .collect();
    DetectorRun { label: label.to_owned(), corpus, detected, seconds }
}

/// The NAB section of the report.
///
/// # Errors
/// Missing or malformed NAB files.
pub fn section(dir: &Path, context: &Context) -> Result<SectionOutput, EvalError> {
    let started = Instant::now();
    let files = data::nab(dir)?;
    let published = data::nab_published(dir)?;
    let base = stream(288);
    let gaussian = run_detector(&files, "windowedGaussian (NAB baseline, re-run here)", |f| {
        gaussian::windowed_gaussian(&f.values)
    });
    let ours = run_detector(&files, "ours, stream profile", |f| our_scores(f, stream));
    let sales = run_detector(&files, "ours, daily-sales settings", |f| our_scores(f, sales_defaults));
    let chosen = &ours;
    let windows: usize = files.iter().map(|f| f.windows.len()).sum();

    let mut md = String::new();
    md.push_str(&format!(
        "Our detector: `domain::anomaly::point_scores` with **`AnomalyConfig::stream(season)`**, the profile \
         for machine-metric streams, over all {} files ({} windows), one configuration for the whole corpus. It \
         is causal (each point judged on the past only) and is the same code as the daily-sales detector with \
         other settings: season = one day in rows (86 400 s ÷ the median timestamp spacing: 288 for 5-minute \
         data), each point against the median of the same time on the {} previous days, a robust scale (MAD) of \
         the last {} residuals, no level-shift segmentation, a second test against the median and MAD of the last {} values (the larger |z| \
         wins), and one alarm per episode (a point counts only if its |z| is the largest of the last {} rows, \
         3 days). Threshold {}, min_history {}. The daily-sales settings (scale of the last {} residuals, no \
         level test, no onset rule) are shown for comparison. Scoring: NAB v1.1, standard profile (TP 1, FP \
         0.11, FN 1), 15 % probation, threshold swept over the whole corpus as NAB's optimiser does, normalised \
         `100 × (raw − null) / (perfect − null)`.\n\n\
         **Scorer validation**: the hand-computed unit cases in `src/nab_tests.rs`, and NAB's own \
         windowed-Gaussian baseline re-implemented (`src/gaussian.rs`) and scored here: **{}** against the \
         published {:.4}. Checked once file by file against NAB's \
         `results/windowedGaussian/windowedGaussian_standard_scores.csv` (commit de8e91a4): the threshold (1.0), \
         raw total (−24.0131) and every file's score and TP / TN / FP / FN row counts match. One detail matters \
         for that: NAB's v1.1 results files were written by Python 2, which keeps 12 significant digits, so \
         scores are rounded that way before scoring (`nab::as_written`).\n\n",
        files.len(),
        windows,
        4,
        base.scale_window,
        base.level_window,
        base.onset_lookback,
        base.threshold,
        base.min_history,
        AnomalyConfig::default().scale_window,
        num(gaussian.corpus.normalised, 4),
        PUBLISHED_GAUSSIAN
    ));
    let mut table = Table::new(&[
        "detector",
        "NAB score (standard)",
        "raw",
        "threshold",
        "windows found",
        "FP rows",
        "detector time (s)",
    ]);
    for run in [&ours, &sales, &gaussian] {
        let fp: usize = run.corpus.files.iter().map(|f| f.fp).sum();
        let name = if std::ptr::eq(run, chosen) { format!("**{}**", run.label) } else { run.label.clone() };
        table.row(vec![
            name,
            num(run.corpus.normalised, 2),
            num(run.corpus.raw, 2),
            num(run.corpus.threshold, 4),
            format!("{} / {windows}", run.detected.iter().sum::<usize>()),
            fp.to_string(),
            num(run.seconds, 2),
        ]);
    }
    md.push_str(&table.render());
    md.push_str(&format!(
        "Null (never fires) raw = {}, perfect = {}.\n\n",
        num(chosen.corpus.null, 1),
        num(chosen.corpus.perfect, 1)
    ));
    md.push_str(&categories(&files, chosen));
    md.push_str(&worst_files(&files, chosen));
    md.push_str(&leaderboard(&published, chosen, &gaussian));
    let (whatif, whatif_seconds) = crate::nab_whatif::table(&files);
    md.push_str(&format!(
        "### What each part of the stream profile is worth\n\nNAB charges every detected row outside a window \
         (−0.11 each, less just after a window) and credits a window once, so a detector whose score stays high \
         for as long as a departure lasts pays for every row of it: with the daily-sales settings {} of all rows \
         score ≥ 0.5 (|z| ≥ 3.5), and the optimiser ends at a threshold that finds almost nothing. The runs \
         below change one setting of the stream profile at a time (`src/nab_whatif.rs`); the onset rule is what \
         matters most. The settings were chosen from a handful of such runs, not tuned per file. Neighbouring \
         window lengths score from about 48 to 51 (two such rows below), so read ±2 points as noise: the \
         profile reported is the one chosen before those neighbours were tried, not the best of them, and the \
         > 50 aim is within that noise rather than met:\n\n{whatif}",
        crate::report::pct(share_above(&files, 0.5))
    ));

    let seconds = started.elapsed().as_secs_f64();
    let score = chosen.corpus.normalised;
    let headlines = vec![
        Headline::new(
            "NAB standard score (causal, stream profile, all 58 files)",
            num(score, 1),
            "> 50",
            Some(score > 50.0),
        ),
        Headline::new(
            "NAB scorer check: windowedGaussian re-run",
            num(gaussian.corpus.normalised, 4),
            "published 39.6495",
            Some((gaussian.corpus.normalised - PUBLISHED_GAUSSIAN).abs() < 1e-4),
        ),
    ];
    Ok(SectionOutput {
        markdown: section_header("NAB (anomaly detection, standard profile)", "nab", context, seconds) + &md,
        headlines,
        timings: vec![
            ("NAB: our detector over 58 files (stream profile)".into(), ours.seconds),
            ("NAB: our detector over 58 files (daily-sales settings)".into(), sales.seconds),
            ("NAB: windowedGaussian over 58 files".into(), gaussian.seconds),
            ("NAB: one-change-at-a-time runs".into(), whatif_seconds),
        ],
    })
}

/// The share of rows our causal detector with the daily-sales settings scores at or above `level`.
fn share_above(files: &[NabFile], level: f64) -> f64 {
    let counts = par_map(files, |f| {
        let s = our_scores(f, sales_defaults);
        (s.iter().filter(|v| **v >= level).count(), s.len())
    });
    let (above, all) = counts.iter().fold((0, 0), |(a, n), (x, m)| (a + x, n + m));
    above as f64 / all as f64
}

/// Raw score per category against its null and perfect bounds.
fn categories(files: &[NabFile], run: &DetectorRun) -> String {
    let mut names: Vec<&str> = files.iter().map(NabFile::category).collect();
    names.dedup();
    let mut table = Table::new(&["category", "files", "windows", "found", "FP rows", "raw", "null → perfect"]);
    for name in names {
        let idx: Vec<usize> = (0..files.len()).filter(|i| files[*i].category() == name).collect();
        let windows: usize = idx.iter().map(|i| files[*i].windows.len()).sum();
        table.row(vec![
            name.to_owned(),
            idx.len().to_string(),
            windows.to_string(),
            idx.iter().map(|i| run.detected[*i]).sum::<usize>().to_string(),
            idx.iter().map(|i| run.corpus.files[*i].fp).sum::<usize>().to_string(),
            num(idx.iter().map(|i| run.corpus.files[*i].score).sum::<f64>(), 2),
            format!("−{windows} → {windows}"),
        ]);
    }
    format!("Per category ({}):\n\n{}", run.label, table.render())
}

/// The files that cost the most against a perfect score.
fn worst_files(files: &[NabFile], run: &DetectorRun) -> String {
    let mut order: Vec<usize> = (0..files.len()).collect();
    let loss = |i: usize| files[i].windows.len() as f64 - run.corpus.files[i].score;
    order.sort_by(|a, b| loss(*b).total_cmp(&loss(*a)));
    let mut table = Table::new(&["file", "windows", "found", "FP rows", "raw", "loss vs perfect"]);
    for &i in order.iter().take(12) {
        table.row(vec![
            files[i].name.clone(),
            files[i].windows.len().to_string(),
            run.detected[i].to_string(),
            run.corpus.files[i].fp.to_string(),
            num(run.corpus.files[i].score, 2),
            num(loss(i), 2),
        ]);
    }
    format!("The 12 files that cost the most ({}):\n\n{}", run.label, table.render())
}

/// The published standard scores with ours and the re-run baseline placed among them.
fn leaderboard(published: &[(String, f64)], ours: &DetectorRun, gaussian: &DetectorRun) -> String {
    let mut rows: Vec<(String, f64)> = published.iter().map(|(d, s)| (format!("{d} (published)"), *s)).collect();
    rows.push((format!("**SalesFlow: {}**", ours.label), ours.corpus.normalised));
    rows.push(("windowedGaussian (re-run here)".to_owned(), gaussian.corpus.normalised));
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut table = Table::new(&["detector", "standard score"]);
    for (name, score) in rows {
        table.row(vec![name, num(score, 1)]);
    }
    format!("Published NAB v1.1 results (`nab/results/final_results.json`) for context:\n\n{}", table.render())
}
