//! Renders sample documents through the port and reads the bytes back with calamine (values,
//! formats, sheet names) and with a zip reader (chart, frozen panes, autofilters).

use std::io::{Cursor, Read};
use std::sync::Arc;

use adapter_fake::SampleReport;
use adapter_xlsx::XlsxRenderer;
use calamine::{Data, Reader, Xlsx};
use domain::report::{ReportDocument, ReportKind};
use ports::ReportRenderer;

async fn render(doc: ReportDocument) -> Vec<u8> {
    XlsxRenderer::new().render(Arc::new(doc)).await.expect("render")
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).expect("utf-8");
    text
}

fn f(cell: Option<&Data>) -> f64 {
    match cell {
        Some(Data::Float(v)) => *v,
        Some(Data::Int(v)) => *v as f64,
        Some(Data::DateTime(d)) => d.as_f64(),
        other => panic!("not a number: {other:?}"),
    }
}

fn s(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(t)) => t.clone(),
        other => panic!("not a string: {other:?}"),
    }
}

#[tokio::test]
async fn a_combined_report_has_every_sheet_and_the_documents_figures() {
    let doc = SampleReport::new(ReportKind::Combined).with_forecast().build();
    let forecast = doc.forecast.clone().expect("the sample has a forecast");
    let sales = doc.sales.clone().expect("sales");
    let bytes = render(doc.clone()).await;
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["Overview", "Daily Sales", "Top Products", "Critical Stock", "Forecast"]);

    let overview = book.worksheet_range("Overview").expect("overview");
    let label_row = |label: &str| {
        overview
            .rows()
            .position(|r| r.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let revenue = f(overview.get((label_row("Total revenue"), 1)));
    assert!((revenue - sales.totals.revenue.to_f64()).abs() < 0.005, "{revenue}");
    let tx = f(overview.get((label_row("Transactions"), 1)));
    assert_eq!(tx as u64, sales.totals.transactions);
    let stock_value = f(overview.get((label_row("Total stock value"), 1)));
    let expected = doc.stock.as_ref().expect("stock").kpis.total_stock_value.to_f64();
    assert!((stock_value - expected).abs() < 0.005);

    let daily = book.worksheet_range("Daily Sales").expect("daily");
    assert_eq!(daily.height(), sales.daily.len() + 1);
    assert_eq!(s(daily.get((0, 0))), "Date");
    let first = match daily.get((1, 0)) {
        Some(Data::DateTime(d)) => d.as_datetime().expect("a date").date(),
        other => panic!("the date column holds dates: {other:?}"),
    };
    assert_eq!(first, sales.daily[0].date);
    let sum: f64 = (1..daily.height()).map(|r| f(daily.get((r, 1)))).sum();
    assert!((sum - sales.totals.revenue.to_f64()).abs() < 0.01, "{sum}");

    let top = book.worksheet_range("Top Products").expect("top");
    assert_eq!(s(top.get((1, 1))), sales.products[0].name);
    assert!((f(top.get((1, 4))) - sales.products[0].revenue.to_f64()).abs() < 0.005);

    let fc = book.worksheet_range("Forecast").expect("forecast");
    assert_eq!(fc.height(), forecast.history.len() + forecast.forecast.points.len() + 1);
    let first_forecast = forecast.history.len() + 1;
    assert!((f(fc.get((first_forecast, 3))) - forecast.forecast.points[0]).abs() < 1e-6);
    assert!((f(fc.get((first_forecast, 6))) - forecast.forecast.interval95.lower[0]).abs() < 1e-6);
    assert_eq!(s(fc.get((0, 10))), "Anomaly date");

    // The native chart reads the sheet's own revenue column; tables are frozen and filtered.
    let chart = part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains(&format!("'Daily Sales'!$B$2:$B${}", sales.daily.len() + 1)), "{chart}");
    assert!(chart.contains("<c:lineChart>"));
    let sheet2 = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet2.contains(r#"state="frozen""#) && sheet2.contains("<autoFilter"), "{sheet2}");
}

#[tokio::test]
async fn critical_stock_columns_line_up_with_their_headers() {
    let doc = SampleReport::new(ReportKind::Stock).build();
    let critical: Vec<_> = doc.critical_stock().into_iter().cloned().collect();
    assert!(critical.len() >= 3, "the fake shop has products in every status");
    let bytes = render(doc).await;
    let mut book = open(&bytes);
    // A stock report is stock only (defect 6).
    assert_eq!(book.sheet_names(), ["Overview", "Critical Stock"]);
    let sheet = book.worksheet_range("Critical Stock").expect("sheet");
    let header: Vec<String> = (0..10).map(|c| s(sheet.get((0, c)))).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(sheet.height(), critical.len() + 1);
    for (i, p) in critical.iter().enumerate() {
        let row = i + 1;
        assert_eq!(s(sheet.get((row, col("Product")))), p.name);
        assert_eq!(s(sheet.get((row, col("SKU")))), p.sku.to_string());
        assert!((f(sheet.get((row, col("Current stock")))) - p.current_stock.to_f64()).abs() < 1e-9);
        assert!((f(sheet.get((row, col("Stock value")))) - p.stock_value.to_f64()).abs() < 0.005);
        assert_eq!(s(sheet.get((row, col("Status")))), domain::report::status_label(p.status));
    }
    let statuses: Vec<String> = (1..sheet.height()).map(|r| s(sheet.get((r, col("Status"))))).collect();
    for wanted in ["Out of stock", "Low stock", "Dead stock"] {
        assert!(statuses.iter().any(|st| st == wanted), "{wanted} in {statuses:?}");
    }
}

#[tokio::test]
async fn a_sales_report_has_no_stock_sheet() {
    let bytes = render(SampleReport::new(ReportKind::Sales).days(30).build()).await;
    assert_eq!(open(&bytes).sheet_names(), ["Overview", "Daily Sales", "Top Products"]);
}

#[tokio::test]
async fn text_from_data_never_becomes_a_formula() {
    let mut doc = SampleReport::new(ReportKind::Combined).days(30).build();
    let probe = r#"=HYPERLINK("http://evil.example","click")"#;
    let sales = doc.sales.as_mut().expect("sales");
    sales.products[0].name = probe.into();
    sales.products[1].name = "+1+1".into();
    sales.products[2].name = "@SUM(A1)".into();
    let stock = doc.stock.as_mut().expect("stock");
    let critical = stock.products.iter_mut().find(|p| p.status != domain::StockStatus::Ok).expect("a critical product");
    critical.name = "-2+3".into();
    let bytes = render(doc).await;
    let mut book = open(&bytes);

    let top = book.worksheet_range("Top Products").expect("top");
    let names: Vec<String> = (1..=3).map(|r| s(top.get((r, 1)))).collect();
    assert_eq!(names, [format!("'{probe}"), "'+1+1".into(), "'@SUM(A1)".into()]);
    let stock_sheet = book.worksheet_range("Critical Stock").expect("stock");
    assert!((1..stock_sheet.height()).any(|r| s(stock_sheet.get((r, 0))) == "'-2+3"));
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula cell in {sheet}");
    }
}
