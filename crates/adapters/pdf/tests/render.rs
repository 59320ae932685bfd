//! Renders sample documents through the port and reads them back with poppler: `pdftotext`
//! finds the KPI values, `pdffonts` shows a subset embedded font, `pdfinfo` counts pages.

use std::io::Write;
use std::process::Command;
use std::sync::Arc;

use adapter_fake::SampleReport;
use adapter_pdf::PdfRenderer;
use domain::report::{ReportDocument, ReportKind};
use ports::ReportRenderer;

async fn render(doc: ReportDocument) -> Vec<u8> {
    PdfRenderer::new().render(Arc::new(doc)).await.expect("render")
}

/// Runs a poppler tool on the PDF and returns its stdout.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::with_suffix(".pdf").expect("temp file");
    file.write_all(pdf).expect("write");
    let out = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args((tool == "pdftotext").then_some("-"))
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn text(pdf: &[u8]) -> String {
    // -raw keeps table cells in content order, one after the other.
    poppler("pdftotext", &["-raw"], pdf)
}

#[tokio::test]
async fn a_combined_90_day_report_shows_the_kpis_and_stays_under_400_kb() {
    let doc = SampleReport::new(ReportKind::Combined).with_forecast().build();
    let pdf = render(doc.clone()).await;
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() < 400 * 1024, "{} bytes", pdf.len());
    let text = text(&pdf);
    for kpi in doc.sales_kpis().iter().chain(&doc.stock_kpis()) {
        let value = kpi.figure.display(&doc.currency);
        assert!(text.contains(&format!("{} {value}", kpi.label)), "{} = {value} not in:\n{text}", kpi.label);
    }
    for heading in [
        "Executive summary",
        "1. Sales KPIs",
        "2. Top products",
        "3. Inventory KPIs",
        "4. Critical stock",
        "Forecast and anomalies",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let sales = doc.sales.as_ref().expect("sales");
    assert!(text.contains(&sales.products[0].name), "top product listed");
    let critical = doc.critical_stock();
    assert!(text.contains(&critical[0].sku.to_string()), "critical stock listed");
    let forecast = doc.forecast.as_ref().expect("forecast");
    if let Some(a) = forecast.anomalies.first() {
        assert!(text.contains(&a.date.to_string()), "anomaly table");
    }
    // Page numbers on every page.
    let pages = text.matches("· Page ").count();
    assert!(pages >= 4, "{pages} numbered pages");
    assert!(text.contains(&format!("Page {pages}")));

    let fonts = poppler("pdffonts", &[], &pdf);
    let embedded: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!embedded.is_empty() && embedded.iter().all(|l| l.contains(" yes ")), "{fonts}");
}

#[tokio::test]
async fn a_stock_report_is_stock_only() {
    let doc = SampleReport::new(ReportKind::Stock).build();
    let text = text(&render(doc.clone()).await);
    assert!(text.contains("1. Inventory KPIs") && text.contains("2. Critical stock"));
    assert!(!text.contains("Sales KPIs") && !text.contains("Top products"), "{text}");
    let value = doc.stock_kpis()[1].figure.display(&doc.currency);
    assert!(text.contains(&format!("Total stock value {value}")));
}

#[tokio::test]
async fn text_outside_latin_1_from_data_is_embedded_and_extractable() {
    let mut doc = SampleReport::new(ReportKind::Sales).days(30).build();
    let sales = doc.sales.as_mut().expect("sales");
    sales.products[0].name = "Čaj Ωmega – żółty".into();
    let text = text(&render(doc).await);
    assert!(text.contains("Čaj Ωmega – żółty"), "{text}");
}
