//! `salesflow-eval [--data DIR] [--out FILE] [--only retail|m4|nab|anomalies]`: runs the accuracy
//! evaluation, prints the markdown report to stdout and writes it to `--out` when given.
//! `--only` may be repeated or comma-separated; without it every section runs.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use eval::{Run, Section};

const USAGE: &str = "usage: salesflow-eval [--data DIR] [--out FILE] [--only retail|m4|nab|anomalies]";

/// The run and the output file, from the command-line arguments.
fn parse(args: &[String]) -> Result<(Run, Option<PathBuf>), String> {
    let mut data = eval::default_data_dir();
    let (mut out, mut sections) = (None, Vec::new());
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => data = PathBuf::from(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--only" => {
                for name in value()?.split(',') {
                    sections.push(Section::parse(name.trim()).ok_or_else(|| format!("unknown section {name:?}"))?);
                }
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if sections.is_empty() {
        sections = Section::ALL.to_vec();
    }
    let shown: Vec<&str> = args.iter().map(String::as_str).collect();
    let command = format!("cargo run --release -p salesflow-eval -- {}", shown.join(" ")).trim_end().to_owned();
    Ok((Run { data, sections, command }, out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (run, out) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("salesflow-eval: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    let doc = match eval::run(&run) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("salesflow-eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::io::stdout().write_all(doc.as_bytes()) {
        eprintln!("salesflow-eval: stdout: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = out {
        if let Err(e) = std::fs::write(&path, &doc) {
            eprintln!("salesflow-eval: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("salesflow-eval: wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
