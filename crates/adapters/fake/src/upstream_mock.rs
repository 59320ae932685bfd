//! SalesFlow-Lite's own DEV mock set (reference/upstream-salesflow.md §8.3), kept as a named
//! fixture so golden tests can reproduce the upstream's numbers.
//!
//! Two of its defects are fixed on purpose (§10.2 item 18): the "today" sale (id 999) is dated by
//! the `Clock` instead of the import time, and the inventory agrees with product stock (Bread 4).

use chrono::{Days, NaiveDate, NaiveDateTime};
use domain::{Category, Money, Product, ProductId, Quantity, SaleId, SaleLine, SalesLedger, Sku};
use ports::DailyUnits;

use crate::events::ShopEvents;
use crate::generate::Generated;

/// The ML mock's GLOBAL series: daily units from 2025-01-01 (reference §3.6 golden table).
pub const ML_GLOBAL_SERIES: [f64; 7] = [12.0, 15.0, 14.0, 16.0, 18.0, 17.0, 20.0];
/// The ML mock's `MILK-001` series from 2025-01-01.
pub const ML_MILK_SERIES: [f64; 4] = [5.0, 7.0, 6.0, 9.0];
/// The ML mock's `BREAD-002` series from 2025-01-01.
pub const ML_BREAD_SERIES: [f64; 4] = [14.0, 12.0, 13.0, 15.0];

/// First day of every ML mock series.
#[must_use]
pub fn ml_series_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
}

fn product(id: u64, name: &str, sku: &str, cents: i64, stock: i64, threshold: i64) -> Product {
    let sku = Sku::parse(sku).expect("fixture skus are valid");
    Product::new(ProductId::new(id), sku, name, Money::from_cents(cents))
        .with_category(Category::new(""))
        .with_cost(Money::from_cents((cents as f64 * 0.6).round() as i64))
        .with_stock(Quantity::from_units(stock))
        .with_low_stock_threshold(Quantity::from_units(threshold))
}

/// Milk (OK), Bread (LOW), Sugar (OUT).
#[must_use]
pub fn products() -> Vec<Product> {
    vec![
        product(1, "Milk", "MILK-001", 250, 25, 10),
        product(2, "Bread", "BREAD-002", 180, 4, 5),
        product(3, "Sugar", "SUGAR-003", 300, 0, 10),
    ]
}

/// Sales 201, 202, 203 on their fixed December/November 2025 dates and sale 999 at `now`.
#[must_use]
pub fn sales_history(now: NaiveDateTime) -> SalesLedger {
    let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    let line = |pid, units, cents| SaleLine {
        product_id: ProductId::new(pid),
        quantity: Quantity::from_units(units),
        unit_price: Money::from_cents(cents),
    };
    let mut builder = SalesLedger::builder();
    let rows = [
        (201, at(2025, 12, 10), 1500, line(1, 6, 250)),
        (202, at(2025, 12, 5), 720, line(2, 4, 180)),
        (203, at(2025, 11, 20), 300, line(3, 1, 300)),
        (999, now, 2000, line(1, 8, 250)),
    ];
    for (id, at, total, l) in rows {
        let _ = builder.push(SaleId::new(id), at, Money::from_cents(total), [l]);
    }
    builder.build()
}

/// The daily-units series the upstream's DEV mode returned for a sku: the fixed 4-day series for
/// Milk and Bread, otherwise 14 days ending `today` with `10 + (i mod 4)` units `i` days ago.
#[must_use]
pub fn ml_series(sku: &Sku, today: NaiveDate) -> Vec<DailyUnits> {
    let fixed = match sku.as_str() {
        "MILK-001" => Some(&ML_MILK_SERIES[..]),
        "BREAD-002" => Some(&ML_BREAD_SERIES[..]),
        _ => None,
    };
    if let Some(series) = fixed {
        return series
            .iter()
            .zip(ml_series_start().iter_days())
            .map(|(q, date)| DailyUnits { date, quantity: Quantity::from_units(*q as i64) })
            .collect();
    }
    (0..14_u64)
        .rev()
        .map(|i| DailyUnits { date: today - Days::new(i), quantity: Quantity::from_units(10 + (i % 4) as i64) })
        .collect()
}

pub(crate) fn generated(now: NaiveDateTime) -> Generated {
    Generated { products: products(), ledger: sales_history(now), events: ShopEvents::default() }
}
