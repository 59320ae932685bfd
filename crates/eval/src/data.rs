//! Loaders for the evaluation data (see `eval-data/README.md`): the retail daily revenue, the M4
//! long CSVs, official forecasts and published table, and the NAB corpus with its windows.
//!
//! Every loader checks what the evaluations rely on (consecutive days, `t` in order, window
//! limits that are real timestamps) so a damaged file fails loudly instead of skewing a score.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::EvalError;

/// A daily series, one value per calendar day.
#[derive(Clone, Debug, PartialEq)]
pub struct DailySeries {
    pub dates: Vec<NaiveDate>,
    pub values: Vec<f64>,
}

fn reader(path: &Path) -> Result<csv::Reader<File>, EvalError> {
    // The official M4 forecasts pad their numbers with spaces ("  2623.    ").
    csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(path).map_err(|e| EvalError::at(path, e))
}

fn rows(path: &Path) -> Result<Vec<csv::StringRecord>, EvalError> {
    reader(path)?.records().collect::<Result<_, _>>().map_err(|e| EvalError::at(path, e))
}

fn field<'a>(path: &Path, row: &'a csv::StringRecord, i: usize) -> Result<&'a str, EvalError> {
    row.get(i).ok_or_else(|| EvalError::at(path, format!("missing column {i} in {row:?}")))
}

fn number(path: &Path, raw: &str) -> Result<f64, EvalError> {
    raw.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| EvalError::at(path, format!("bad number {raw:?}")))
}

/// `retail/online_retail_ii_daily_revenue.csv` (`date,value`, consecutive days).
///
/// # Errors
/// A missing file, a bad row, or a gap in the calendar.
pub fn retail(dir: &Path) -> Result<DailySeries, EvalError> {
    let path = dir.join("retail/online_retail_ii_daily_revenue.csv");
    let (mut dates, mut values) = (Vec::new(), Vec::new());
    for row in rows(&path)? {
        let raw = field(&path, &row, 0)?;
        let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|e| EvalError::at(&path, e))?;
        if dates.last().is_some_and(|d: &NaiveDate| d.succ_opt() != Some(date)) {
            return Err(EvalError::at(&path, format!("{date} does not follow the previous day")));
        }
        dates.push(date);
        values.push(number(&path, field(&path, &row, 1)?)?);
    }
    Ok(DailySeries { dates, values })
}

/// One M4 series: its training part and the test part to forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct M4Series {
    pub id: String,
    pub train: Vec<f64>,
    pub test: Vec<f64>,
}

/// Long `series_id,t,value` rows grouped by series, in order of first appearance.
fn long(path: &Path) -> Result<Vec<(String, Vec<f64>)>, EvalError> {
    let mut out: Vec<(String, Vec<f64>)> = Vec::new();
    let mut index = HashMap::new();
    for row in rows(path)? {
        let id = field(path, &row, 0)?;
        let slot = *index.entry(id.to_owned()).or_insert_with(|| {
            out.push((id.to_owned(), Vec::new()));
            out.len() - 1
        });
        out[slot].1.push(number(path, field(path, &row, 2)?)?);
    }
    Ok(out)
}

/// `m4/{frequency}_train.csv` and `_test.csv`, e.g. `frequency = "hourly"`.
///
/// # Errors
/// Missing files, bad numbers, or a series without its test part.
pub fn m4(dir: &Path, frequency: &str) -> Result<Vec<M4Series>, EvalError> {
    let test_path = dir.join(format!("m4/{frequency}_test.csv"));
    let test: HashMap<String, Vec<f64>> = long(&test_path)?.into_iter().collect();
    long(&dir.join(format!("m4/{frequency}_train.csv")))?
        .into_iter()
        .map(|(id, train)| {
            let test = test.get(&id).cloned().ok_or_else(|| EvalError::at(&test_path, format!("no test for {id}")))?;
            Ok(M4Series { id, train, test })
        })
        .collect()
}

/// Forecast points by series id.
pub type Forecasts = HashMap<String, Vec<f64>>;

/// The official forecasts in `m4/official_forecasts/`: (method, series id → points), methods
/// sorted by file name; the method is the file stem without leading zeros (`024` → `24`, as the
/// published table names it).
///
/// # Errors
/// An unreadable folder or file.
pub fn official_forecasts(dir: &Path) -> Result<Vec<(String, Forecasts)>, EvalError> {
    let folder = dir.join("m4/official_forecasts");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .map_err(|e| EvalError::at(&folder, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let method = stem.trim_start_matches('0').to_owned();
            Ok((method, long(path)?.into_iter().collect()))
        })
        .collect()
}

/// One method's published M4 Hourly scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Published {
    pub smape: f64,
    pub mase: f64,
    pub owa: f64,
}

/// The Hourly column of `m4/published_point_forecasts_by_frequency.csv`, by method.
///
/// # Errors
/// A missing file or column.
pub fn published_hourly(dir: &Path) -> Result<HashMap<String, Published>, EvalError> {
    let path = dir.join("m4/published_point_forecasts_by_frequency.csv");
    let mut rdr = reader(&path)?;
    let header = rdr.headers().map_err(|e| EvalError::at(&path, e))?.clone();
    let col = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| EvalError::at(&path, format!("no column {name}")))
    };
    let (method, metric, hourly) = (col("method")?, col("metric")?, col("Hourly")?);
    let mut out: HashMap<String, Published> = HashMap::new();
    for row in rows(&path)? {
        let entry = out.entry(field(&path, &row, method)?.to_owned()).or_insert(Published {
            smape: f64::NAN,
            mase: f64::NAN,
            owa: f64::NAN,
        });
        let value = number(&path, field(&path, &row, hourly)?)?;
        match field(&path, &row, metric)? {
            "sMAPE" => entry.smape = value,
            "MASE" => entry.mase = value,
            "OWA" => entry.owa = value,
            _ => {}
        }
    }
    Ok(out)
}

/// One NAB data file with its anomaly windows as inclusive row ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct NabFile {
    /// Relative path, e.g. `realKnownCause/nyc_taxi.csv`.
    pub name: String,
    pub timestamps: Vec<NaiveDateTime>,
    pub values: Vec<f64>,
    pub windows: Vec<(usize, usize)>,
}

impl NabFile {
    /// The category (the folder).
    #[must_use]
    pub fn category(&self) -> &str {
        self.name.split('/').next().unwrap_or(&self.name)
    }
}

fn timestamp(path: &Path, raw: &str) -> Result<NaiveDateTime, EvalError> {
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S%.f").map_err(|e| EvalError::at(path, format!("{raw}: {e}")))
}

/// The NAB corpus: every file listed in `nab/labels/combined_windows.json`, sorted by name.
/// NAB's sweeper enters a window only on an exact timestamp match, so limits must be timestamps
/// of the file; windows must be ordered and disjoint, as NAB's labeller guarantees.
///
/// # Errors
/// Missing files, bad rows, or window limits that are not timestamps of their file.
pub fn nab(dir: &Path) -> Result<Vec<NabFile>, EvalError> {
    let labels = dir.join("nab/labels/combined_windows.json");
    let text = std::fs::read_to_string(&labels).map_err(|e| EvalError::at(&labels, e))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| EvalError::at(&labels, e))?;
    let map = json.as_object().ok_or_else(|| EvalError::at(&labels, "not an object"))?;
    let mut files = Vec::with_capacity(map.len());
    for (name, limits) in map {
        let path = dir.join("nab/data").join(name);
        let (mut timestamps, mut values) = (Vec::new(), Vec::new());
        for row in rows(&path)? {
            timestamps.push(timestamp(&path, field(&path, &row, 0)?)?);
            values.push(number(&path, field(&path, &row, 1)?)?);
        }
        let find = |raw: &serde_json::Value| -> Result<usize, EvalError> {
            let t = timestamp(&labels, raw.as_str().unwrap_or_default())?;
            timestamps.binary_search(&t).map_err(|_| EvalError::at(&path, format!("window limit {t} is not a row")))
        };
        let mut windows = Vec::new();
        for pair in limits.as_array().into_iter().flatten() {
            let pair = pair.as_array().filter(|p| p.len() == 2).ok_or_else(|| EvalError::at(&labels, "bad window"))?;
            let (start, end) = (find(&pair[0])?, find(&pair[1])?);
            if end < start || windows.last().is_some_and(|(_, last_end)| *last_end >= start) {
                return Err(EvalError::at(&labels, format!("{name}: windows out of order")));
            }
            windows.push((start, end));
        }
        files.push(NabFile { name: name.clone(), timestamps, values, windows });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// The standard-profile scores of `nab/results/final_results.json`, best first.
///
/// # Errors
/// A missing or malformed file.
pub fn nab_published(dir: &Path) -> Result<Vec<(String, f64)>, EvalError> {
    let path = dir.join("nab/results/final_results.json");
    let text = std::fs::read_to_string(&path).map_err(|e| EvalError::at(&path, e))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| EvalError::at(&path, e))?;
    let mut out: Vec<(String, f64)> = json
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(detector, profiles)| Some((detector.clone(), profiles.get("standard")?.as_f64()?)))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(out)
}
