//! The accuracy-evaluation harness of SalesFlow: how good are the forecasts and the anomaly
//! detector on data nobody on this project made?
//!
//! Each section of `docs/ACCURACY.md` is computed here (`just eval` regenerates the file):
//! * [`retail`]: rolling-origin forecasts of real daily revenue (UCI Online Retail II), every
//!   model against seasonal naive, with interval coverage;
//! * [`m4`]: M4 Hourly (414 series) with the official sMAPE / MASE / OWA, validated by
//!   reproducing the published score of the official seasonal-naive forecasts;
//! * [`nab`] and [`nab_run`]: the Numenta Anomaly Benchmark v1.1 scorer (standard profile),
//!   validated by unit cases and by re-running NAB's windowed-Gaussian baseline ([`gaussian`]);
//!   [`nab_whatif`] sizes the detector changes the report suggests;
//! * [`anomalies`], [`shop`], [`inject`] and [`matching`]: precision / recall of the default
//!   detector against the fake shop's exported anomalies and against anomalies injected into the
//!   real retail series.
//!
//! The data live outside the repository (`../shared/eval-data` from the workspace root, see its
//! README.md); [`data`] loads them. Heavy runs belong to the binary, not to the tests.

pub mod anomalies;
pub mod data;
pub mod gaussian;
pub mod inject;
pub mod m4;
pub mod matching;
pub mod metrics;
pub mod nab;
pub mod nab_run;
pub mod nab_whatif;
mod par;
pub mod report;
pub mod retail;
pub mod shop;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use report::{Context, Headline, SectionOutput};

/// Why an evaluation could not run: a missing or malformed data file, mostly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError(pub String);

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EvalError {}

impl EvalError {
    /// An error about `path`.
    pub(crate) fn at(path: &Path, what: impl fmt::Display) -> Self {
        Self(format!("{}: {what}", path.display()))
    }
}

/// The data folder as the docs name it, relative to the workspace root.
pub const DATA_RELATIVE: &str = "../shared/eval-data";

/// The default data folder, found from this crate's location so the binary and the tests work
/// from any current directory.
#[must_use]
pub fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(DATA_RELATIVE)
}

/// One section of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Retail,
    M4,
    Nab,
    Anomalies,
}

impl Section {
    pub const ALL: [Self; 4] = [Self::Retail, Self::M4, Self::Nab, Self::Anomalies];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Retail => "retail",
            Self::M4 => "m4",
            Self::Nab => "nab",
            Self::Anomalies => "anomalies",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct Run {
    pub data: PathBuf,
    pub sections: Vec<Section>,
    /// The command line, as the report should quote it.
    pub command: String,
}

/// Runs the sections and returns the whole markdown document.
///
/// # Errors
/// When a data file is missing or malformed.
pub fn run(run: &Run) -> Result<String, EvalError> {
    let context = Context::now(&run.command);
    let mut sections = String::new();
    let mut headlines = Vec::new();
    let mut timings = Vec::new();
    for section in &run.sections {
        eprintln!("salesflow-eval: {} …", section.as_str());
        let started = Instant::now();
        let mut output = match section {
            Section::Retail => retail::section(&run.data, &context)?,
            Section::M4 => m4::section(&run.data, &context)?,
            Section::Nab => nab_run::section(&run.data, &context)?,
            Section::Anomalies => anomalies::section(&run.data, &context)?,
        };
        timings.push((format!("{} section, total", section.as_str()), started.elapsed().as_secs_f64()));
        timings.append(&mut output.timings);
        headlines.append(&mut output.headlines);
        sections.push_str(&output.markdown);
    }
    let mut doc = report::title(&context, &run.data);
    doc.push_str(&report::summary(&headlines));
    doc.push_str(&sections);
    doc.push_str(&report::performance(&context, &timings));
    Ok(doc)
}
