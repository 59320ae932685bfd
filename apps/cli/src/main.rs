//! `salesflow`: SalesFlow's command line. `forecast` and `anomalies` read a CSV of one or many
//! series and write CSV to stdout (progress and errors on stderr), using the same domain code as
//! the service.

mod anomalies;
mod forecast;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Forecast(args) => forecast::run(&args),
        Command::Anomalies(args) => anomalies::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("salesflow: {e:#}");
            ExitCode::from(2)
        }
    }
}
