//! The report's sections, in reading order: cover, executive summary, sales KPIs and chart,
//! top products, inventory (KPIs, status chart, critical stock), forecast.

use chrono_tz::Tz;
use domain::report::{Kpi, ReportDocument, grouped, status_label};
use genpdf::elements::{Break, PageBreak, Paragraph, UnorderedList};
use genpdf::style::Style;
use genpdf::{Alignment, Element};
use ports::RenderError;

use crate::charts;
use crate::fonts::Ink;
use crate::layout::{BRAND, MUTED, col, heading, note, table};

/// Top products shown in the PDF (the XLSX lists them all).
const TOP_PRODUCTS: usize = 10;
/// Critical products listed before "and N more".
const CRITICAL_ROWS: usize = 40;

pub(crate) type Elements = Vec<Box<dyn Element>>;

fn failed(e: impl std::fmt::Display) -> RenderError {
    RenderError::Failed(format!("pdf layout: {e}"))
}

pub(crate) fn generated_on(doc: &ReportDocument) -> String {
    let zone: Tz = doc.timezone.parse().unwrap_or(Tz::UTC);
    format!("{} ({})", doc.generated_at.with_timezone(&zone).format("%Y-%m-%d %H:%M"), doc.timezone)
}

pub(crate) fn cover(ink: &mut Ink, doc: &ReportDocument, out: &mut Elements) {
    out.push(Box::new(Break::new(10)));
    let centred =
        |text: String, style: Style| Paragraph::default().styled_string(text, style).aligned(Alignment::Center);
    out.push(Box::new(centred(ink.s("SalesFlow"), Style::new().bold().with_font_size(14).with_color(BRAND))));
    out.push(Box::new(Break::new(1)));
    out.push(Box::new(centred(ink.s(doc.title.as_str()), Style::new().bold().with_font_size(26))));
    out.push(Box::new(Break::new(1.5)));
    let subtitle =
        "Revenue, margins and inventory health in one snapshot, computed with the same logic as the dashboard.";
    out.push(Box::new(centred(ink.s(subtitle), Style::new().with_font_size(11).with_color(MUTED))));
    out.push(Box::new(Break::new(3)));
    out.push(Box::new(centred(
        ink.s(format!("Period analysed: {}", doc.period_label)),
        Style::new().with_font_size(12),
    )));
    out.push(Box::new(centred(ink.s(format!("Generated on: {}", generated_on(doc))), Style::new().with_font_size(12))));
    out.push(Box::new(centred(ink.s(format!("Amounts in {}", doc.currency)), Style::new().with_font_size(12))));
    out.push(Box::new(PageBreak::new()));
}

pub(crate) fn summary(ink: &mut Ink, doc: &ReportDocument, out: &mut Elements) {
    out.push(Box::new(heading(ink, "Executive summary")));
    let mut list = UnorderedList::new();
    let cur = doc.currency.as_str();
    if let Some(s) = &doc.sales {
        let t = &s.totals;
        list.push(Paragraph::new(ink.s(format!(
            "Total revenue of {} {cur} from {} transactions (average ticket {} {cur}).",
            grouped(t.revenue.to_f64(), 0),
            grouped(t.transactions as f64, 0),
            grouped(t.average_ticket().to_f64(), 2)
        ))));
        if let Some(pct) = s.comparison.change.revenue_pct {
            list.push(Paragraph::new(
                ink.s(format!("Revenue {:+.1} % against the previous period of equal length.", pct)),
            ));
        }
        let trend = s.seasonal_hint.map_or("no clear seasonal pattern", |h| h.as_str());
        list.push(Paragraph::new(ink.s(format!("Trend: {trend}."))));
        if let Some(p) = s.products.first() {
            list.push(Paragraph::new(ink.s(format!(
                "Top product: {} with {:.1} % of revenue.",
                p.name,
                s.share(p.revenue)
            ))));
        }
    }
    if let Some(st) = &doc.stock {
        let k = &st.kpis;
        list.push(Paragraph::new(ink.s(format!(
            "Inventory health: {:.1} % of products in low stock, {} out of stock, {} urgent reorders and {} dead-stock references.",
            k.low_stock_ratio, k.out_of_stock_count, k.urgent_reorder_count, k.dead_stock_count
        ))));
    }
    if let Some(f) = &doc.forecast {
        let total: f64 = f.forecast.points.iter().sum();
        list.push(Paragraph::new(ink.s(format!(
            "Forecast: {} {cur} of {} over the next {} days ({} model); {} anomalies in the history.",
            grouped(total, 0),
            f.target,
            f.forecast.points.len(),
            f.forecast.model.as_str(),
            f.anomalies.len()
        ))));
    }
    out.push(Box::new(list));
}

fn kpi_table(ink: &mut Ink, kpis: &[Kpi], currency: &str) -> Result<Box<dyn Element>, RenderError> {
    let rows = kpis.iter().map(|k| vec![k.label.to_owned(), k.figure.display(currency)]).collect();
    Ok(Box::new(table(ink, &[col("Metric", 3, false), col("Value", 2, true)], rows).map_err(failed)?))
}

pub(crate) fn sales(ink: &mut Ink, doc: &ReportDocument, out: &mut Elements) -> Result<(), RenderError> {
    let Some(s) = &doc.sales else { return Ok(()) };
    out.push(Box::new(heading(ink, "1. Sales KPIs")));
    out.push(kpi_table(ink, &doc.sales_kpis(), &doc.currency)?);
    if !s.daily.is_empty() {
        out.push(Box::new(Break::new(1)));
        out.push(Box::new(charts::daily_revenue(&s.daily_revenue())?));
    }
    out.push(Box::new(heading(ink, "2. Top products")));
    if s.products.is_empty() {
        out.push(Box::new(note(ink, "No product sales in this period.")));
        return Ok(());
    }
    let rows = s
        .products
        .iter()
        .take(TOP_PRODUCTS)
        .map(|p| {
            vec![
                p.name.clone(),
                grouped(p.quantity.to_f64(), if p.quantity.milli() % 1000 == 0 { 0 } else { 2 }),
                grouped(p.revenue.to_f64(), 2),
                format!("{:.1} %", s.share(p.revenue)),
            ]
        })
        .collect();
    let cols = [col("Product", 5, false), col("Qty", 2, true), col("Revenue", 3, true), col("Share", 2, true)];
    out.push(Box::new(table(ink, &cols, rows).map_err(failed)?));
    Ok(())
}

pub(crate) fn stock(ink: &mut Ink, doc: &ReportDocument, out: &mut Elements) -> Result<(), RenderError> {
    if doc.stock.is_none() {
        return Ok(());
    }
    if doc.sales.is_some() {
        out.push(Box::new(PageBreak::new()));
    }
    let n = if doc.sales.is_some() { 3 } else { 1 };
    out.push(Box::new(heading(ink, &format!("{n}. Inventory KPIs"))));
    out.push(kpi_table(ink, &doc.stock_kpis(), &doc.currency)?);
    out.push(Box::new(Break::new(1)));
    out.push(Box::new(charts::stock_status(&doc.stock_status_counts())?));
    out.push(Box::new(heading(ink, &format!("{}. Critical stock", n + 1))));
    let critical = doc.critical_stock();
    if critical.is_empty() {
        out.push(Box::new(note(ink, "Every product is in stock and selling.")));
        return Ok(());
    }
    let rows = critical
        .iter()
        .take(CRITICAL_ROWS)
        .map(|p| {
            vec![
                p.name.clone(),
                p.sku.to_string(),
                grouped(p.current_stock.to_f64(), 0),
                p.coverage_days.map_or_else(|| "N/A".to_owned(), |c| grouped(c, 1)),
                status_label(p.status).to_owned(),
                p.last_sale_date.map_or_else(|| "never".to_owned(), |d| d.to_string()),
            ]
        })
        .collect();
    let cols = [
        col("Product", 5, false),
        col("SKU", 3, false),
        col("Stock", 2, true),
        col("Coverage (d)", 2, true),
        col("Status", 3, false),
        col("Last sale", 3, false),
    ];
    out.push(Box::new(table(ink, &cols, rows).map_err(failed)?));
    if critical.len() > CRITICAL_ROWS {
        out.push(Box::new(note(ink, &format!("… and {} more (see the XLSX report).", critical.len() - CRITICAL_ROWS))));
    }
    Ok(())
}

pub(crate) fn forecast(ink: &mut Ink, doc: &ReportDocument, out: &mut Elements) -> Result<(), RenderError> {
    let Some(f) = &doc.forecast else { return Ok(()) };
    out.push(Box::new(PageBreak::new()));
    out.push(Box::new(heading(ink, "Forecast and anomalies")));
    out.push(Box::new(note(
        ink,
        &format!(
            "Model: {}. Dark band: 80 % interval; light band: 95 % interval; red dots: anomalies.",
            f.forecast.model.as_str()
        ),
    )));
    out.push(Box::new(charts::forecast(f)?));
    out.push(Box::new(heading(ink, "Anomalies")));
    if f.anomalies.is_empty() {
        out.push(Box::new(note(ink, "No anomalies in the history.")));
        return Ok(());
    }
    let rows = f
        .anomalies
        .iter()
        .map(|a| {
            vec![
                a.date.to_string(),
                grouped(a.anomaly.value, 2),
                grouped(a.anomaly.expected, 2),
                format!("{:.1}", a.anomaly.score),
                a.anomaly.label.as_str().to_owned(),
                a.anomaly.severity.as_str().to_owned(),
            ]
        })
        .collect();
    let cols = [
        col("Date", 3, false),
        col("Value", 3, true),
        col("Expected", 3, true),
        col("Score", 2, true),
        col("Label", 4, false),
        col("Severity", 3, false),
    ];
    out.push(Box::new(table(ink, &cols, rows).map_err(failed)?));
    Ok(())
}
