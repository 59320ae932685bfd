//! `salesflow import FILE [--commit]`: the import pipeline of issue 6 from the command line,
//! in-process (the gateway's own use case over the adapters `bootstrap` builds from the
//! configuration) or against a gateway's HTTP API (`--server`). Prints the counts and every row
//! error; the exit code is 0 when every row is valid (and, with `--commit`, recorded), 1 when
//! rows are invalid, 2 when the file or the run failed.

mod local;
mod remote;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

/// `salesflow import` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The `.xlsx`, `.xls`, `.ods` or `.csv` file.
    file: PathBuf,
    /// Record the rows once checked (otherwise only check and print).
    #[arg(long)]
    commit: bool,
    /// With `--commit`: `all-or-nothing` records nothing unless every row is valid;
    /// `valid-rows-only` records the valid rows and skips the others.
    #[arg(long, value_enum, default_value_t = Mode::AllOrNothing)]
    mode: Mode,
    /// The sheet to read (default: the first visible one).
    #[arg(long)]
    sheet: Option<String>,
    /// How slashed dates read: `iso`, `dmy` or `mdy` (default: detected).
    #[arg(long)]
    date_format: Option<String>,
    /// A SalesFlow gateway (e.g. `http://127.0.0.1:8081`): upload there instead of in-process.
    #[arg(long)]
    server: Option<String>,
    /// Bearer token: for `--server`, an ADMIN token of the gateway; in-process, the token sent
    /// to the Java service when `data.source` is `java`.
    #[arg(long)]
    token: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Mode {
    AllOrNothing,
    ValidRowsOnly,
}

impl Mode {
    const fn as_str(self) -> &'static str {
        match self {
            Self::AllOrNothing => "all_or_nothing",
            Self::ValidRowsOnly => "valid_rows_only",
        }
    }
}

/// One row error, as both paths report it.
pub(crate) struct RowProblem {
    pub(crate) row: u64,
    pub(crate) field: String,
    pub(crate) code: String,
    pub(crate) message: String,
}

/// What a run found (and recorded).
pub(crate) struct Outcome {
    pub(crate) batch_id: String,
    pub(crate) format: String,
    pub(crate) sheet: Option<String>,
    pub(crate) rows: u64,
    pub(crate) valid: u64,
    pub(crate) invalid: u64,
    pub(crate) errors: Vec<RowProblem>,
    /// Rows recorded by this run's commit; `None` without `--commit` (or when refused).
    pub(crate) committed: Option<u64>,
}

/// A failure the run cannot go past: printed on stderr with its stable code.
pub(crate) struct Refused {
    pub(crate) code: String,
    pub(crate) message: String,
}

impl From<anyhow::Error> for Refused {
    fn from(error: anyhow::Error) -> Self {
        Self { code: "failed".into(), message: format!("{error:#}") }
    }
}

/// A spinner on stderr (drawn only on a terminal, so pipes and tests stay clean).
pub(crate) fn spinner(message: &'static str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Turns `bar` (made hidden, so nothing shows before the work starts) into a bar over `len`
/// rows on stderr.
pub(crate) fn show_rows(bar: &indicatif::ProgressBar, len: u64, what: &'static str) {
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what);
    bar.set_length(len);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("salesflow: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        match args.server.as_deref() {
            Some(server) => remote::run(args, server).await,
            None => local::run(args).await,
        }
    });
    match result {
        Ok(outcome) => report(args, &outcome),
        Err(refused) => {
            eprintln!("salesflow: {}: {} ({})", args.file.display(), refused.message, refused.code);
            ExitCode::from(2)
        }
    }
}

#[expect(clippy::print_stdout, reason = "the command's report goes to stdout")]
fn report(args: &Args, outcome: &Outcome) -> ExitCode {
    let sheet = outcome.sheet.as_deref().map(|s| format!(", sheet {s}")).unwrap_or_default();
    println!("file: {} ({}{sheet})", args.file.display(), outcome.format);
    println!("batch: {}", outcome.batch_id);
    println!(
        "rows: {}, valid: {}, invalid: {}, errors: {}",
        outcome.rows,
        outcome.valid,
        outcome.invalid,
        outcome.errors.len()
    );
    if !outcome.errors.is_empty() {
        println!("row\tfield\tcode\tmessage");
        for e in &outcome.errors {
            println!("{}\t{}\t{}\t{}", e.row, e.field, e.code, e.message);
        }
    }
    match outcome.committed {
        Some(n) => println!("committed: {n} rows ({})", args.mode.as_str()),
        None if args.commit => println!("committed: nothing"),
        None => {}
    }
    if outcome.invalid > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
