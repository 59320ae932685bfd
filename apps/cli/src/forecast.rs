//! `salesflow forecast`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast};
use domain::holidays::{PublicHolidays, ShopCalendar};

use crate::input::{progress, read};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The CSV file (`-` for stdin).
    #[arg(long)]
    input: PathBuf,
    /// Steps to forecast.
    #[arg(long)]
    horizon: usize,
    /// `auto` (backtested choice) or a strategy: linear, seasonal_naive, seasonal_mean, ses,
    /// damped, theta, random_forest, croston, sba, combination, flat.
    #[arg(long, default_value = "auto")]
    model: String,
    /// Seasonal period (default: 7 for `date,value` input, else 1).
    #[arg(long)]
    season: Option<usize>,
    /// Allow negative forecasts (sales are clipped at zero by default).
    #[arg(long)]
    allow_negative: bool,
    /// Rolling origins of the backtest.
    #[arg(long, default_value_t = 3)]
    origins: usize,
    /// `date,value` input only: the shop closes on these public holidays (`england_and_wales`);
    /// closed days are forecast as zero.
    #[arg(long)]
    holidays: Option<String>,
    /// `date,value` input only: days closed every year, `MM-DD`, comma-separated.
    #[arg(long, value_delimiter = ',')]
    closed: Vec<String>,
}

/// The shop calendar the flags ask for, if any.
fn calendar(args: &Args, dated: bool) -> anyhow::Result<Option<ShopCalendar>> {
    if args.holidays.is_none() && args.closed.is_empty() {
        return Ok(None);
    }
    anyhow::ensure!(dated, "--holidays and --closed need `date,value` input");
    let public_holidays = match args.holidays.as_deref() {
        None => PublicHolidays::None,
        Some(raw) => PublicHolidays::parse(raw).with_context(|| format!("unknown holiday calendar {raw:?}"))?,
    };
    let annual = args
        .closed
        .iter()
        .map(|d| {
            let day = chrono::NaiveDate::parse_from_str(&format!("2024-{d}"), "%Y-%m-%d")
                .with_context(|| format!("--closed {d:?} is not MM-DD"))?;
            Ok((chrono::Datelike::month(&day), chrono::Datelike::day(&day)))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(ShopCalendar { public_holidays, annual, dates: Vec::new() }))
}

pub(crate) fn run(args: &Args) -> anyhow::Result<()> {
    let model = ModelKind::parse(&args.model).with_context(|| format!("unknown model {:?}", args.model))?;
    let input = read(&args.input)?;
    let season = args.season.unwrap_or(if input.dated { 7 } else { 1 });
    let calendar = calendar(args, input.dated)?;
    let options = ForecastOptions {
        model,
        origins: args.origins,
        random_forest_in_auto: false,
        non_negative: !args.allow_negative,
    };
    let bar = progress(input.series.len(), "forecast");
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    out.write_record(["series_id", "h", "value", "lo80", "hi80", "lo95", "hi95"])?;
    let mut failed = 0;
    for series in &input.series {
        let closed = match (&calendar, series.t.first()) {
            (Some(cal), Some(first)) => {
                let start: chrono::NaiveDate = first.parse().with_context(|| format!("{first:?} is not a date"))?;
                Some(cal.flags(start, series.values.len() + args.horizon))
            }
            _ => None,
        };
        let request =
            ForecastInput { history: &series.values, season, horizon: args.horizon, holidays: closed.as_deref() };
        match forecast(&request, &options) {
            Ok(f) => {
                for h in 0..args.horizon {
                    let cells = [
                        f.points[h],
                        f.interval80.lower[h],
                        f.interval80.upper[h],
                        f.interval95.lower[h],
                        f.interval95.upper[h],
                    ];
                    let mut row = vec![series.id.clone(), (h + 1).to_string()];
                    row.extend(cells.iter().map(|v| format!("{v:.4}")));
                    out.write_record(&row)?;
                }
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("salesflow: series {}: {e}", series.id));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    out.flush()?;
    std::io::stderr().flush()?;
    anyhow::ensure!(failed < input.series.len() || input.series.is_empty(), "no series could be forecast");
    Ok(())
}
