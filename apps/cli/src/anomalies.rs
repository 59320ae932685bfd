//! `salesflow anomalies`.

use std::path::PathBuf;

use domain::anomaly::{AnomalyConfig, detect_robust, point_scores};

use crate::input::{progress, read};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The CSV file (`-` for stdin).
    #[arg(long)]
    input: PathBuf,
    /// Judge each point only on the points before it.
    #[arg(long)]
    causal: bool,
    /// Robust z at or above which a point is anomalous.
    #[arg(long, default_value_t = 3.5)]
    threshold: f64,
    /// Seasonal period (default: 7 for `date,value` input, else 1).
    #[arg(long)]
    season: Option<usize>,
    /// Points before the first judged one.
    #[arg(long, default_value_t = 14)]
    min_history: usize,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(args.threshold.is_finite() && args.threshold > 0.0, "--threshold must be positive");
    let input = read(&args.input)?;
    let config = AnomalyConfig {
        threshold: args.threshold,
        min_history: args.min_history,
        causal: args.causal,
        season: args.season.unwrap_or(if input.dated { 7 } else { 1 }),
        ..AnomalyConfig::default()
    };
    let bar = progress(input.series.len(), "anomalies");
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    out.write_record(["series_id", "t", "score", "is_anomaly", "label", "severity"])?;
    for series in &input.series {
        let scores = point_scores(&series.values, &config);
        let found = detect_robust(&series.values, &config, None);
        for (i, t) in series.t.iter().enumerate() {
            let hit = found.iter().find(|a| a.index == i);
            let label = hit.map_or("", |a| a.label.as_str());
            let severity = hit.map_or(String::new(), |a| a.severity.as_str().to_owned());
            out.write_record([
                series.id.as_str(),
                t,
                &format!("{:.4}", scores[i]),
                if hit.is_some() { "1" } else { "0" },
                label,
                &severity,
            ])?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    out.flush()?;
    Ok(())
}
