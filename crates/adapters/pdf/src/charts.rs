//! Charts drawn with plotters into an RGB buffer and embedded as images (no alpha: genpdf 0.2
//! refuses it). Widths are in pixels at [`DPI`], so 1020 px is 173 mm: the text width.

use std::sync::OnceLock;

use chrono::NaiveDate;
use domain::StockStatus;
use domain::report::{DayValue, ForecastSection, status_label};
use genpdf::elements::Image;
use plotters::prelude::*;
use plotters::style::FontStyle;
use ports::RenderError;

pub(crate) const DPI: f64 = 150.0;
const WIDTH: u32 = 1000;

fn failed(e: impl std::fmt::Display) -> RenderError {
    RenderError::Failed(format!("chart: {e}"))
}

/// plotters draws text only with a registered font; registered once per process.
fn register_font() -> Result<(), RenderError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, crate::fonts::chart_font()).is_ok()
    });
    if ok { Ok(()) } else { Err(failed("font registration")) }
}

fn image(buffer: Vec<u8>, height: u32) -> Result<Image, RenderError> {
    let rgb = image::RgbImage::from_raw(WIDTH, height, buffer).ok_or_else(|| failed("buffer size"))?;
    Image::from_dynamic_image(image::DynamicImage::ImageRgb8(rgb)).map(|i| i.with_dpi(DPI)).map_err(failed)
}

fn draw(
    height: u32,
    paint: impl FnOnce(DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
) -> Result<Image, RenderError> {
    register_font()?;
    let mut buffer = vec![255_u8; (WIDTH * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (WIDTH, height)).into_drawing_area();
        paint(root.clone()).map_err(failed)?;
        root.present().map_err(failed)?;
    }
    image(buffer, height)
}

fn max_of(values: impl Iterator<Item = f64>) -> f64 {
    values.filter(|v| v.is_finite()).fold(0.0_f64, f64::max).max(1.0) * 1.1
}

fn day_label(first: NaiveDate, index: f64) -> String {
    (first + chrono::Days::new(index.max(0.0) as u64)).format("%m-%d").to_string()
}

/// Revenue per day of the window.
pub(crate) fn daily_revenue(days: &[DayValue]) -> Result<Image, RenderError> {
    let first = days.first().map(|d| d.date).unwrap_or_default();
    let top = max_of(days.iter().map(|d| d.value));
    let n = days.len().max(2) as f64 - 1.0;
    draw(380, |root| {
        let mut chart = ChartBuilder::on(&root)
            .caption("Daily revenue", ("sans-serif", 26))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..n, 0.0..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_labels(8)
            .x_label_formatter(&|x| day_label(first, *x))
            .y_label_formatter(&|y| domain::report::grouped(*y, 0))
            .label_style(("sans-serif", 16))
            .draw()
            .map_err(|e| e.to_string())?;
        let points = days.iter().enumerate().map(|(i, d)| (i as f64, d.value));
        chart.draw_series(LineSeries::new(points, RGBColor(37, 99, 235).stroke_width(2))).map_err(|e| e.to_string())?;
        Ok(())
    })
}

fn status_color(status: StockStatus) -> RGBColor {
    match status {
        StockStatus::OutOfStock => RGBColor(220, 38, 38),
        StockStatus::LowStock => RGBColor(245, 158, 11),
        StockStatus::DeadStock => RGBColor(107, 114, 128),
        StockStatus::Ok => RGBColor(22, 163, 74),
    }
}

/// Products per stock status.
pub(crate) fn stock_status(counts: &[(StockStatus, usize)]) -> Result<Image, RenderError> {
    let top = max_of(counts.iter().map(|(_, n)| *n as f64));
    let labels: Vec<&str> = counts.iter().map(|(s, _)| status_label(*s)).collect();
    draw(320, |root| {
        let mut chart = ChartBuilder::on(&root)
            .caption("Products by stock status", ("sans-serif", 26))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..counts.len() as f64, 0.0..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_label_formatter(&|y| domain::report::grouped(*y, 0))
            .x_labels(counts.len() * 2 + 1)
            .x_label_formatter(&|x| {
                let i = *x - 0.5;
                if i.fract().abs() < 1e-9 {
                    labels.get(i as usize).map_or(String::new(), |l| (*l).to_owned())
                } else {
                    String::new()
                }
            })
            .label_style(("sans-serif", 16))
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = counts.iter().enumerate().map(|(i, (status, n))| {
            let x = i as f64;
            Rectangle::new([(x + 0.2, 0.0), (x + 0.8, *n as f64)], status_color(*status).filled())
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        let values = counts
            .iter()
            .enumerate()
            .map(|(i, (_, n))| Text::new(n.to_string(), (i as f64 + 0.45, *n as f64 + top * 0.02), ("sans-serif", 18)));
        chart.draw_series(values).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// History, forecast and its 80 % and 95 % bands, anomalies marked in red.
pub(crate) fn forecast(f: &ForecastSection) -> Result<Image, RenderError> {
    let h = f.history.len();
    let fc = &f.forecast;
    let first = f.history.first().map_or(f.first_day, |d| d.date);
    let offset = (f.first_day - first).num_days().max(0) as f64;
    let top = max_of(
        f.history.iter().map(|d| d.value).chain(fc.interval95.upper.iter().copied()).chain(fc.points.iter().copied()),
    );
    let end = offset + fc.points.len() as f64;
    let band = |lower: &[f64], upper: &[f64]| -> Vec<(f64, f64)> {
        let up = upper.iter().enumerate().map(|(i, v)| (offset + i as f64, *v));
        let down = lower.iter().enumerate().rev().map(|(i, v)| (offset + i as f64, *v));
        up.chain(down).collect()
    };
    draw(400, |root| {
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("Forecast of daily {} ({})", f.target, f.scope), ("sans-serif", 26))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..end.max(1.0), 0.0..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_labels(8)
            .x_label_formatter(&|x| day_label(first, *x))
            .y_label_formatter(&|y| domain::report::grouped(*y, 0))
            .label_style(("sans-serif", 16))
            .draw()
            .map_err(|e| e.to_string())?;
        let e = |e: plotters::drawing::DrawingAreaErrorKind<_>| e.to_string();
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&fc.interval95.lower, &fc.interval95.upper),
                RGBColor(219, 234, 254).filled(),
            )))
            .map_err(e)?;
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&fc.interval80.lower, &fc.interval80.upper),
                RGBColor(147, 197, 253).filled(),
            )))
            .map_err(e)?;
        let history = f.history.iter().enumerate().map(|(i, d)| (i as f64, d.value));
        chart.draw_series(LineSeries::new(history, RGBColor(17, 24, 39).stroke_width(2))).map_err(e)?;
        let points = fc.points.iter().enumerate().map(|(i, v)| (offset + i as f64, *v));
        chart.draw_series(LineSeries::new(points, RGBColor(37, 99, 235).stroke_width(3))).map_err(e)?;
        let marks = f.anomalies.iter().filter_map(|a| {
            let i = (a.date - first).num_days();
            (i >= 0 && (i as usize) < h)
                .then(|| Circle::new((i as f64, a.anomaly.value), 6, RGBColor(220, 38, 38).filled()))
        });
        chart.draw_series(marks).map_err(e)?;
        Ok(())
    })
}
