//! `POST /api/v1/reports/generate` over HTTP: the upstream's body and attachment, read back
//! with poppler (PDF) and calamine (XLSX); a stock report is stock only (defect 6).

use std::io::{Cursor, Write};

use calamine::{Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

async fn generate(app: &TestApp, body: Value) -> reqwest::Response {
    app.client.post(app.url("/api/v1/reports/generate")).json(&body).send().await.expect("request sent")
}

fn pdftotext(pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::with_suffix(".pdf").expect("temp file");
    file.write_all(pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

#[tokio::test]
async fn a_combined_pdf_carries_the_same_kpis_as_the_analytics_endpoint() {
    let app = TestApp::spawn().await;
    let res = generate(&app, json!({"report_type": "combined", "format": "pdf", "period": "quarterly"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment; filename=\"analytics_combined_quarterly_"), "{disposition}");
    assert!(disposition.ends_with(".pdf\""), "{disposition}");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() < 400 * 1024, "{} bytes", pdf.len());

    let sales: Value = app.get("/api/v1/analytics/sales?period=quarterly").send().await.unwrap().json().await.unwrap();
    let kpis = &sales["kpis"];
    let text = pdftotext(&pdf);
    let revenue = domain::report::grouped(kpis["total_revenue"].as_f64().unwrap(), 2);
    assert!(text.contains(&format!("Total revenue {revenue} EUR")), "{revenue} not in:\n{text}");
    let tx = domain::report::grouped(kpis["total_transactions"].as_f64().unwrap(), 0);
    assert!(text.contains(&format!("Transactions {tx}")), "{tx}");
    assert!(text.contains("Inventory KPIs") && text.contains("Critical stock"));
}

#[tokio::test]
async fn a_stock_report_in_excel_is_stock_only() {
    let app = TestApp::spawn().await;
    // The upstream's `{"payload": ...}` wrapper and its `excel` format name.
    let res = generate(&app, json!({"payload": {"report_type": "stock", "format": "excel"}})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("analytics_stock_monthly_") && disposition.ends_with(".xlsx\""), "{disposition}");
    let bytes = res.bytes().await.unwrap().to_vec();
    let book = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Overview", "Critical Stock"]);
}

#[tokio::test]
async fn bad_fields_are_422_naming_the_field() {
    let app = TestApp::spawn().await;
    for (body, field) in [
        (json!({"report_type": "financial", "format": "pdf"}), "report_type"),
        (json!({"report_type": "sales", "format": "docx"}), "format"),
        (json!({"report_type": "sales", "format": "pdf", "period": "yearly"}), "period"),
        (json!({"format": "pdf"}), "report_type"),
    ] {
        let res = generate(&app, body.clone()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error: Value = res.json().await.unwrap();
        assert_eq!(error["details"]["field"], field, "{body}: {error}");
    }
}
