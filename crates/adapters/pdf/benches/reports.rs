//! Report rendering benchmark (a plain timing binary; criterion's statistics are not needed
//! for second-scale runs): a combined PDF and XLSX for 365 days × 100 products with the
//! forecast section, and an export of 100,000 sale rows written with umya-spreadsheet and with
//! rust_xlsxwriter. Prints time (best and median of the runs) and bytes; docs/PERFORMANCE.md
//! records the numbers. `cargo bench -p salesflow-adapter-pdf --bench reports`; with
//! `REPORT_BENCH=pdf` it stops after the report documents.

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::{Duration, Instant};

use adapter_fake::{Dataset, FakeShop, FakeShopConfig, SampleReport};
use chrono::NaiveDate;
use domain::report::ReportKind;

const RUNS: usize = 5;
const SALE_ROWS: usize = 100_000;

fn measure(name: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        bytes = f();
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} best {:>8.1} ms  median {:>8.1} ms  {:>9} bytes ({:.0} KB)",
        ms(times[0]),
        ms(times[runs / 2]),
        bytes,
        bytes as f64 / 1024.0
    );
}

/// One row per sale line: date, sale, product, quantity, unit price, revenue.
struct Row {
    at: chrono::NaiveDateTime,
    sale: String,
    product: String,
    quantity: f64,
    price: f64,
    revenue: f64,
}

fn sale_rows(today: NaiveDate) -> Vec<Row> {
    let clock = std::sync::Arc::new(Today(today));
    let config = FakeShopConfig { seed: 7, products: 100, days: 365, sale_lines: Some(SALE_ROWS as u64) };
    let shop = FakeShop::new(Dataset::Shop(config), clock);
    let names: std::collections::HashMap<_, _> =
        shop.catalogue().iter().map(|p| (p.id(), p.name().to_owned())).collect();
    let ledger = shop.history();
    let mut rows = Vec::with_capacity(SALE_ROWS);
    for sale in ledger.iter() {
        for line in sale.lines {
            rows.push(Row {
                at: sale.header.at,
                sale: sale.header.id.get().to_string(),
                product: names.get(&line.product_id).cloned().unwrap_or_default(),
                quantity: line.quantity.to_f64(),
                price: line.unit_price.to_f64(),
                revenue: line.subtotal().to_f64(),
            });
        }
    }
    rows.truncate(SALE_ROWS);
    rows
}

fn excel_serial(at: chrono::NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
    (at - epoch).num_seconds() as f64 / 86_400.0
}

const HEADERS: [&str; 6] = ["Date", "Sale", "Product", "Quantity", "Unit price", "Revenue"];

fn umya(rows: &[Row]) -> usize {
    let mut book = umya_spreadsheet::new_file();
    let Ok(ws) = book.sheet_mut(0) else { return 0 };
    for (col, h) in (1_u32..).zip(HEADERS) {
        ws.cell_mut((col, 1)).set_value_string(h);
    }
    for (row, r) in (2_u32..).zip(rows) {
        ws.cell_mut((1, row)).set_value_number(excel_serial(r.at));
        ws.style_mut((1, row)).number_format_mut().set_format_code("yyyy-mm-dd hh:mm");
        ws.cell_mut((2, row)).set_value_string(r.sale.as_str());
        ws.cell_mut((3, row)).set_value_string(r.product.as_str());
        ws.cell_mut((4, row)).set_value_number(r.quantity);
        ws.cell_mut((5, row)).set_value_number(r.price);
        ws.style_mut((5, row)).number_format_mut().set_format_code("#,##0.00");
        ws.cell_mut((6, row)).set_value_number(r.revenue);
        ws.style_mut((6, row)).number_format_mut().set_format_code("#,##0.00");
    }
    let mut bytes = Vec::new();
    umya_spreadsheet::writer::xlsx::write_writer(&book, std::io::Cursor::new(&mut bytes)).map_or(0, |()| bytes.len())
}

fn xlsxwriter(rows: &[Row]) -> usize {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let money = Format::new().set_num_format("#,##0.00");
    let ws = book.add_worksheet();
    let written = (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        for (col, h) in (0_u16..).zip(HEADERS) {
            ws.write_string(0, col, h)?;
        }
        for (row, r) in (1_u32..).zip(rows) {
            ws.write_datetime_with_format(row, 0, r.at, &date)?;
            ws.write_string(row, 1, &r.sale)?;
            ws.write_string(row, 2, &r.product)?;
            ws.write_number(row, 3, r.quantity)?;
            ws.write_number_with_format(row, 4, r.price, &money)?;
            ws.write_number_with_format(row, 5, r.revenue, &money)?;
        }
        Ok(())
    })();
    if written.is_err() {
        return 0;
    }
    book.save_to_buffer().map_or(0, |b| b.len())
}

struct Today(NaiveDate);

impl ports::Clock for Today {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now_local().and_utc()
    }

    fn now_local(&self) -> chrono::NaiveDateTime {
        self.0.and_hms_opt(12, 0, 0).unwrap_or_default()
    }
}

fn main() {
    println!("cores available: {}", std::thread::available_parallelism().map_or(0, usize::from));
    let start = Instant::now();
    let sample = SampleReport::new(ReportKind::Combined).days(365).products(100).with_forecast();
    let doc = sample.build();
    println!(
        "document (fake shop 365 d × 100 products, analytics, forecast): {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    measure("combined PDF, 365 days x 100 products", RUNS, || {
        adapter_pdf::PdfRenderer::render_blocking(&doc).map_or(0, |b| b.len())
    });
    measure("combined XLSX (umya), 365 days x 100 products", RUNS, || {
        adapter_xlsx::XlsxRenderer::render_blocking(&doc).map_or(0, |b| b.len())
    });
    let small = SampleReport::new(ReportKind::Combined).with_forecast().build();
    measure("combined PDF, 90 days x 60 products", RUNS, || {
        adapter_pdf::PdfRenderer::render_blocking(&small).map_or(0, |b| b.len())
    });
    if std::env::var("REPORT_BENCH").as_deref() == Ok("pdf") {
        // Profiling the PDF alone (`REPORT_BENCH=pdf perf record …`).
        return;
    }
    let rows = sale_rows(sample.today);
    println!("sale rows: {}", rows.len());
    measure("100k sale rows XLSX, umya-spreadsheet", 3, || umya(&rows));
    measure("100k sale rows XLSX, rust_xlsxwriter", 3, || xlsxwriter(&rows));
}
