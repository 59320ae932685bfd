//! The sample file of the bench and of `examples/import_file.rs`: `rows` sales of 200 products
//! over a year, as a shop's till export would have them (sku, quantity, date, unit price), in
//! XLSX (rust_xlsxwriter: shared strings, date cells) or CSV.

use chrono::NaiveDate;
use domain::{Money, Product, ProductId, Sku};
use import::Catalog;

pub(crate) const PRODUCTS: u64 = 200;

pub(crate) fn catalog() -> Catalog {
    Catalog::new(
        (1..=PRODUCTS)
            .map(|i| {
                let sku = Sku::parse(&format!("SKU-{i:05}")).expect("sku");
                Product::new(ProductId::new(i), sku, format!("Product {i}"), Money::from_cents(100 + i as i64))
            })
            .collect(),
    )
}

/// Row `i`'s values; rows differ in day or quantity, so none is a duplicate of another.
fn row(i: usize) -> (String, u32, NaiveDate, f64) {
    let day = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date") + chrono::Days::new((i % 365) as u64);
    let product = (i * 7919) % PRODUCTS as usize + 1;
    let quantity = 1 + (i / 365) as u32 % 1000;
    (format!("SKU-{product:05}"), quantity, day, 1.0 + (i % 50) as f64 * 0.25)
}

pub(crate) fn csv(rows: usize) -> Vec<u8> {
    let mut out = String::from("sku,quantity,sale_date,unit_price\n");
    for i in 0..rows {
        let (sku, quantity, day, price) = row(i);
        out.push_str(&format!("{sku},{quantity},{day},{price}\n"));
    }
    out.into_bytes()
}

pub(crate) fn xlsx(rows: usize) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["sku", "quantity", "sale_date", "unit_price"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..rows {
        let (sku, quantity, day, price) = row(i);
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &sku).expect("sku");
        sheet.write_number(r, 1, f64::from(quantity)).expect("quantity");
        sheet.write_datetime_with_format(r, 2, day, &date).expect("date");
        sheet.write_number(r, 3, price).expect("price");
    }
    book.save_to_buffer().expect("xlsx")
}
