//! `salesflow`: SalesFlow's command line. `forecast` and `anomalies` read a CSV of one or many
//! series and write CSV to stdout (progress and errors on stderr), using the same domain code as
//! the service. `crm run` runs the CRM pipeline in process with the service's settings.
//! `import` runs the sales import of the service on a file, in-process (settings and
//! adapters from `bootstrap`, as the gateway builds them) or against a gateway's HTTP API.

mod anomalies;
mod crm;
mod forecast;
mod import;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `crm run` allocates per record, like the gateway: the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "salesflow", version, about = "SalesFlow: sales analytics from the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Forecast every series of a CSV (`series_id,t,value`, or `date,value` for one daily series);
    /// writes `series_id,h,value,lo80,hi80,lo95,hi95`.
    Forecast(forecast::Args),
    /// Score every point of every series; writes `series_id,t,score,is_anomaly,label,severity`
    /// (score in 0..1, 0.5 at the threshold).
    Anomalies(anomalies::Args),
    /// The CRM analytics pipeline (`crm run [--dry-run]`).
    #[command(subcommand)]
    Crm(crm::Command),
    /// Check a sales file (.xlsx, .xls, .ods, .csv) row by row and, with `--commit`, record it;
    /// prints the counts and every row error (exit 1 when rows are invalid).
    Import(import::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import(args) => return import::run(&args),
        Command::Forecast(args) => forecast::run(&args),
        Command::Anomalies(args) => anomalies::run(&args),
        // Its own exit codes: a failed run (1) is not a usage error (2).
        Command::Crm(command) => return crm::run(&command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("salesflow: {e:#}");
            ExitCode::from(2)
        }
    }
}
