//! M4 Hourly (414 series, horizon 48, m = 24) with the official measures. The metric code is
//! validated first: the official forecasts (`official_forecasts/*.csv`) must reproduce their
//! published scores, sNaive's OWA 0.627454 above all; then `auto` and every strategy are scored.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast};

use crate::EvalError;
use crate::data::{self, M4Series, Published};
use crate::metrics::{Accuracy, mase, smape};
use crate::par::par_map;
use crate::report::{Context, Headline, SectionOutput, Table, num, section_header};

pub const SEASON: usize = 24;
pub const HORIZON: usize = 48;
/// The published OWA of the official seasonal naive on M4 Hourly.
pub const PUBLISHED_SNAIVE_OWA: f64 = 0.627_454;

/// (sMAPE, MASE) of each series' forecast; NaN where there is none.
#[must_use]
pub fn per_series(series: &[M4Series], points: &[Option<Vec<f64>>]) -> Vec<(f64, f64)> {
    series
        .iter()
        .zip(points)
        .map(|(s, p)| match p {
            Some(p) if p.len() == s.test.len() => (smape(&s.test, p), mase(&s.train, &s.test, p, SEASON)),
            _ => (f64::NAN, f64::NAN),
        })
        .collect()
}

/// A method's forecasts for every series and their scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub label: String,
    pub scores: Vec<(f64, f64)>,
    pub accuracy: Accuracy,
    /// The model `forecast` used per series (ours only).
    pub chosen: Vec<Option<ModelKind>>,
    pub failed: usize,
    pub seconds: f64,
}

/// Forecasts every series with `options`.
#[must_use]
pub fn ours(series: &[M4Series], label: &str, options: &ForecastOptions) -> Scored {
    let started = Instant::now();
    let results = par_map(series, |s| {
        let input = ForecastInput { history: &s.train, season: SEASON, horizon: HORIZON, holidays: None };
        forecast(&input, options).ok().map(|f| (f.points, f.model))
    });
    let seconds = started.elapsed().as_secs_f64();
    let points: Vec<Option<Vec<f64>>> = results.iter().map(|r| r.as_ref().map(|(p, _)| p.clone())).collect();
    let scores = per_series(series, &points);
    Scored {
        label: label.to_owned(),
        accuracy: Accuracy::of(&scores),
        scores,
        chosen: results.iter().map(|r| r.as_ref().map(|(_, k)| *k)).collect(),
        failed: points.iter().filter(|p| p.is_none()).count(),
        seconds,
    }
}

/// Scores an official method's forecasts (series it lacks count as failed).
#[must_use]
pub fn official(series: &[M4Series], label: &str, forecasts: &HashMap<String, Vec<f64>>) -> Scored {
    let points: Vec<Option<Vec<f64>>> = series.iter().map(|s| forecasts.get(&s.id).cloned()).collect();
    let scores = per_series(series, &points);
    Scored {
        label: label.to_owned(),
        accuracy: Accuracy::of(&scores),
        scores,
        chosen: Vec::new(),
        failed: points.iter().filter(|p| p.is_none()).count(),
        seconds: 0.0,
    }
}

/// `auto` as in production, `auto` with the forest, then every strategy (points only: no
/// backtest, since M4 scores points and `auto` is the one that needs one).
#[must_use]
pub fn variants() -> Vec<(String, ForecastOptions)> {
    let auto = ForecastOptions::default();
    let mut out = vec![
        ("auto".to_owned(), auto),
        ("auto + random_forest".to_owned(), ForecastOptions { random_forest_in_auto: true, ..auto }),
    ];
    for kind in ModelKind::ALL.into_iter().filter(|k| *k != ModelKind::Auto) {
        out.push((kind.as_str().to_owned(), ForecastOptions { model: kind, origins: 0, ..auto }));
    }
    out
}

/// The M4 section of the report.
///
/// # Errors
/// Missing or malformed M4 files, or no Naive2 forecasts to compute OWA with.
pub fn section(dir: &Path, context: &Context) -> Result<SectionOutput, EvalError> {
    let started = Instant::now();
    let series = data::m4(dir, "hourly")?;
    let published = data::published_hourly(dir)?;
    let officials: Vec<Scored> =
        data::official_forecasts(dir)?.iter().map(|(method, f)| official(&series, method, f)).collect();
    let naive2 = officials
        .iter()
        .find(|s| s.label == "Naive2")
        .map(|s| s.accuracy)
        .ok_or_else(|| EvalError("m4/official_forecasts/Naive2.csv is missing".into()))?;
    let snaive = officials.iter().find(|s| s.label == "sNaive").map(|s| s.accuracy);
    let snaive_owa = snaive.map_or(f64::NAN, |s| s.owa_published(&naive2));
    let snaive_exact = snaive.map_or(f64::NAN, |s| s.owa(&naive2));
    let models: Vec<Scored> = variants().iter().map(|(label, options)| ours(&series, label, options)).collect();
    let auto = &models[0];
    let auto_owa = auto.accuracy.owa_published(&naive2);

    let mut md = format!(
        "{} series (`m4/hourly_*.csv`), horizon {HORIZON}, m = {SEASON}. sMAPE (mean of 200·|y − ŷ| / (|y| + \
         |ŷ|)) and MASE (scale: in-sample seasonal-naive MAE, m = 24) per series, averaged over series; OWA = ½ \
         (sMAPE / sMAPE of Naive2 + MASE / MASE of Naive2), Naive2's numbers computed here from \
         `official_forecasts/Naive2.csv` (sMAPE {}, MASE {}). Like the published table, OWA is computed from \
         sMAPE and MASE rounded to 3 decimals (the column \"OWA unrounded\" shows the difference: < 1e-4).\n\n\
         **Metric validation**: the official forecasts scored by this code against the published Hourly table \
         (`published_point_forecasts_by_frequency.csv`). sNaive: sMAPE {}, MASE {}, OWA **{}** (published \
         13.912, 1.193, {PUBLISHED_SNAIVE_OWA}; unrounded OWA {}).\n\n",
        series.len(),
        num(naive2.smape, 4),
        num(naive2.mase, 4),
        snaive.map_or_else(|| "n/a".into(), |s| num(s.smape, 3)),
        snaive.map_or_else(|| "n/a".into(), |s| num(s.mase, 3)),
        num(snaive_owa, 6),
        num(snaive_exact, 6),
    );
    md.push_str("Methods 24, 218 and 249 are M4 participants (ids of the published table).\n\n");
    md.push_str(&validation(&officials, &published, &naive2));
    md.push_str(&format!(
        "**Ours** (`domain::forecast::forecast`, season {SEASON}; `auto` with the production options: 3 backtest \
         origins, non-negative). **Headline: `auto` OWA {}** (target < 0.627, seasonal naive's).\n\n",
        num(auto_owa, 4)
    ));
    let mut table = Table::new(&["model", "sMAPE", "MASE", "OWA", "OWA unrounded", "failed series", "time (s)"]);
    let mut sorted: Vec<&Scored> = models.iter().collect();
    sorted.sort_by(|a, b| a.accuracy.owa(&naive2).total_cmp(&b.accuracy.owa(&naive2)));
    for m in sorted {
        table.row(vec![
            format!("`{}`", m.label),
            num(m.accuracy.smape, 3),
            num(m.accuracy.mase, 3),
            num(m.accuracy.owa_published(&naive2), 4),
            num(m.accuracy.owa(&naive2), 4),
            m.failed.to_string(),
            num(m.seconds, 2),
        ]);
    }
    md.push_str(&table.render());
    let naive = models.iter().find(|m| m.label == ModelKind::SeasonalNaive.as_str());
    md.push_str(&auto_detail(&series, auto, naive));

    let headlines = vec![
        Headline::new("M4 Hourly: `auto` OWA", num(auto_owa, 4), "< 0.627", Some(auto_owa < 0.627)),
        Headline::new(
            "M4 metric check: official sNaive sMAPE / MASE / OWA",
            snaive.map_or_else(
                || "n/a".into(),
                |s| format!("{} / {} / {}", num(s.smape, 3), num(s.mase, 3), num(snaive_owa, 6)),
            ),
            "published 13.912 / 1.193 / 0.627454",
            Some(snaive.is_some_and(|s| {
                num(s.smape, 3) == "13.912" && num(s.mase, 3) == "1.193" && num(snaive_owa, 6) == "0.627454"
            })),
        ),
    ];
    let mut timings = vec![("M4 Hourly: `auto`, 414 series".to_owned(), auto.seconds)];
    timings.extend(models[1..].iter().map(|m| (format!("M4 Hourly: `{}`, 414 series", m.label), m.seconds)));
    Ok(SectionOutput {
        markdown: section_header("M4 Hourly", "m4", context, started.elapsed().as_secs_f64()) + &md,
        headlines,
        timings,
    })
}

/// Official forecasts: our numbers next to the published ones.
fn validation(officials: &[Scored], published: &HashMap<String, Published>, naive2: &Accuracy) -> String {
    let mut table =
        Table::new(&["method", "sMAPE", "published", "MASE", "published", "OWA", "published", "OWA unrounded"]);
    for s in officials {
        let p = published.get(&s.label);
        let show = |f: fn(&Published) -> f64, d: usize| p.map_or_else(|| "n/a".into(), |p| num(f(p), d));
        table.row(vec![
            s.label.clone(),
            num(s.accuracy.smape, 3),
            show(|p| p.smape, 3),
            num(s.accuracy.mase, 3),
            show(|p| p.mase, 3),
            num(s.accuracy.owa_published(naive2), 6),
            show(|p| p.owa, 6),
            num(s.accuracy.owa(naive2), 6),
        ]);
    }
    table.render()
}

/// Which models `auto` chose and the series where it lost most to seasonal naive.
fn auto_detail(series: &[M4Series], auto: &Scored, naive: Option<&Scored>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &auto.chosen {
        *counts.entry(k.map_or("failed", ModelKind::as_str)).or_default() += 1;
    }
    let chosen: Vec<String> = counts.iter().map(|(k, n)| format!("`{k}` {n}")).collect();
    let mut md = format!("`auto` chose: {}.\n\n", chosen.join(", "));
    let Some(naive) = naive else { return md };
    let loss = |i: usize| auto.scores[i].1 - naive.scores[i].1;
    let worse = (0..series.len()).filter(|i| loss(*i) > 0.0).count();
    let mut order: Vec<usize> = (0..series.len()).collect();
    order.sort_by(|a, b| loss(*b).total_cmp(&loss(*a)));
    md.push_str(&format!(
        "`auto` has a higher MASE than seasonal naive on {worse} of {} series; the 10 worst:\n\n",
        series.len()
    ));
    let mut table = Table::new(&["series", "train length", "`auto` chose", "MASE auto", "MASE seasonal naive"]);
    for &i in order.iter().take(10) {
        table.row(vec![
            series[i].id.clone(),
            series[i].train.len().to_string(),
            auto.chosen[i].map_or_else(|| "failed".into(), |k| format!("`{}`", k.as_str())),
            num(auto.scores[i].1, 3),
            num(naive.scores[i].1, 3),
        ]);
    }
    md.push_str(&table.render());
    md
}
