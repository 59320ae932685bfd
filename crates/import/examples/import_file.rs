//! Peak memory of one import, measured from outside (docs/PERFORMANCE.md):
//!
//! ```text
//! cargo run --release -p salesflow-import --example import_file -- gen 100000 /tmp/sales.xlsx
//! /usr/bin/time -v target/release/examples/import_file parse /tmp/sales.xlsx
//! ```
//!
//! `gen ROWS FILE` writes the bench's sample (`.xlsx` or `.csv` by the extension); `parse FILE`
//! reads the file, runs the pipeline once and prints rows, errors and the time it took.

#![expect(clippy::print_stdout, reason = "a command-line measuring tool")]

use std::time::Instant;

use import::ImportOptions;

#[path = "../benches/sample/mod.rs"]
mod sample;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["gen", rows, file] => {
            let rows: usize = rows.parse().map_err(|e| format!("rows: {e}"))?;
            let bytes = if file.ends_with(".csv") { sample::csv(rows) } else { sample::xlsx(rows) };
            std::fs::write(file, bytes).map_err(|e| format!("{file}: {e}"))
        }
        ["parse", file] => {
            let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
            let catalog = sample::catalog();
            let options =
                ImportOptions { today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1), ..ImportOptions::default() };
            let start = Instant::now();
            let report = import::import(&bytes, &options, &catalog).map_err(|e| e.to_string())?;
            let took = start.elapsed();
            println!(
                "{file}: {} bytes, {} rows, {} valid, {} errors in {:.3} s ({:.0} rows/s)",
                bytes.len(),
                report.total_rows,
                report.valid_rows(),
                report.errors.len(),
                took.as_secs_f64(),
                report.total_rows as f64 / took.as_secs_f64()
            );
            Ok(())
        }
        _ => Err("usage: import_file gen ROWS FILE.(xlsx|csv) | import_file parse FILE".to_owned()),
    }
}
