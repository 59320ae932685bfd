//! Reading series from CSV: long `series_id,t,value`, or `date,value` (one daily series).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};

/// One series: its id, the `t` labels as given, and the values.
pub(crate) struct Series {
    pub(crate) id: String,
    pub(crate) t: Vec<String>,
    pub(crate) values: Vec<f64>,
}

/// Every series of the file, in order of first appearance, each sorted by `t` (numerically when
/// `t` is a number, else as text, which orders ISO dates).
pub(crate) struct Input {
    pub(crate) series: Vec<Series>,
    /// `date,value` input: daily data.
    pub(crate) dated: bool,
}

fn open(path: &Path) -> anyhow::Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    Ok(Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?))
}

pub(crate) fn read(path: &Path) -> anyhow::Result<Input> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(open(path)?);
    let headers: Vec<String> = reader.headers()?.iter().map(|h| h.to_ascii_lowercase()).collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (id_col, t_col, dated) = match (column("series_id"), column("t"), column("date")) {
        (Some(i), Some(t), _) => (Some(i), t, false),
        (None, _, Some(d)) => (None, d, true),
        _ => bail!("expected a header `series_id,t,value` or `date,value`, got {headers:?}"),
    };
    let value_col = column("value").context("missing column `value`")?;
    let mut order: Vec<String> = Vec::new();
    let mut rows: HashMap<String, Vec<(String, f64)>> = HashMap::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("line {}", line + 2))?;
        let id = id_col.map_or("series", |i| record.get(i).unwrap_or(""));
        let t = record.get(t_col).unwrap_or("").to_owned();
        let raw = record.get(value_col).unwrap_or("");
        let value: f64 = raw.parse().with_context(|| format!("line {}: value {raw:?} is not a number", line + 2))?;
        if !value.is_finite() {
            bail!("line {}: value {raw:?} is not a finite number", line + 2);
        }
        if !rows.contains_key(id) {
            order.push(id.to_owned());
        }
        rows.entry(id.to_owned()).or_default().push((t, value));
    }
    let series = order
        .into_iter()
        .map(|id| {
            let mut points = rows.remove(&id).unwrap_or_default();
            if points.iter().all(|(t, _)| t.parse::<f64>().is_ok()) {
                points.sort_by(|a, b| a.0.parse::<f64>().unwrap_or(0.0).total_cmp(&b.0.parse::<f64>().unwrap_or(0.0)));
            } else {
                points.sort_by(|a, b| a.0.cmp(&b.0));
            }
            let (t, values) = points.into_iter().unzip();
            Series { id, t, values }
        })
        .collect();
    Ok(Input { series, dated })
}

/// A progress bar on stderr for inputs with many series; hidden otherwise.
pub(crate) fn progress(len: usize, what: &str) -> indicatif::ProgressBar {
    if len < 50 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} series ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_prefix(what.to_owned());
    bar
}
