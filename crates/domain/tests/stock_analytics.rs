//! Stock analytics: statuses (dead stock reachable), demand, coverage, rotation, reorders.

use chrono::{Days, NaiveDate};
use domain::analytics::{StockPolicy, StockQuery, stock_alerts, stock_analytics};
use domain::{
    DateRange, Money, Product, ProductId, Quantity, SaleId, SaleLine, SalesLedger, Severity, Sku, StockStatus,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn product(id: u64, stock: i64, threshold: i64, price_cents: i64, cost_cents: Option<i64>) -> Product {
    let p = Product::new(
        ProductId::new(id),
        Sku::parse(&format!("P-{id}")).expect("valid sku"),
        format!("Product {id}"),
        Money::from_cents(price_cents),
    )
    .with_stock(Quantity::from_units(stock))
    .with_low_stock_threshold(Quantity::from_units(threshold));
    match cost_cents {
        Some(c) => p.with_cost(Money::from_cents(c)),
        None => p,
    }
}

fn ledger(rows: &[(NaiveDate, u64, i64)]) -> SalesLedger {
    let mut b = SalesLedger::builder();
    for (i, (day, pid, units)) in rows.iter().enumerate() {
        let line = SaleLine {
            product_id: ProductId::new(*pid),
            quantity: Quantity::from_units(*units),
            unit_price: Money::from_cents(100),
        };
        let at = day.and_hms_opt(10, 0, 0).expect("valid time");
        b.push(SaleId::new(i as u64 + 1), at, line.subtotal(), [line]).expect("small ledger");
    }
    b.build()
}

fn query() -> StockQuery {
    StockQuery {
        today: today(),
        observed_since: ago(119),
        demand_window: DateRange::ending(today(), 90),
        period_window: DateRange::ending(today(), 7),
        policy: StockPolicy { dead_after_days: 90, urgent_coverage_days: 7, lead_time_days: 7, safety_days: 7 },
    }
}

#[test]
fn statuses_including_dead_stock_which_the_upstream_could_never_reach() {
    let catalogue = [
        product(1, 40, 10, 100, None), // sells daily: OK
        product(2, 3, 10, 100, None),  // LOW
        product(3, 0, 10, 100, None),  // OUT
        product(4, 50, 10, 100, None), // last sold 100 days ago: DEAD
        product(5, 50, 10, 100, None), // never sold in 120 days of history: DEAD
        product(6, 50, 10, 100, None), // last sold 89 days ago: OK
    ];
    let sales = ledger(&[(ago(2), 1, 4), (ago(1), 1, 4), (today(), 1, 4), (ago(100), 4, 1), (ago(89), 6, 1)]);
    let a = stock_analytics(&sales, &catalogue, &query());
    let statuses: Vec<_> = a.products.iter().map(|p| p.status).collect();
    use StockStatus::*;
    assert_eq!(statuses, [Ok, LowStock, OutOfStock, DeadStock, DeadStock, Ok]);
    assert_eq!((a.kpis.dead_stock_count, a.kpis.low_stock_count, a.kpis.out_of_stock_count), (2, 1, 1));
    assert!((a.kpis.low_stock_ratio - 100.0 / 6.0).abs() < 1e-9);
    assert_eq!(a.products[3].last_sale_date, Some(ago(100)));
    assert_eq!(a.products[3].suggested_reorder_quantity, Quantity::ZERO, "never reorder dead stock");
}

#[test]
fn demand_coverage_rotation_and_reorders() {
    let catalogue = [product(1, 40, 10, 200, Some(120)), product(2, 3, 10, 100, None)];
    // Product 1: 12 units over the 3 days since its first sale in the window → 4/day.
    let sales = ledger(&[(ago(2), 1, 4), (ago(1), 1, 4), (today(), 1, 4), (ago(30), 2, 9)]);
    let a = stock_analytics(&sales, &catalogue, &query());
    let p1 = &a.products[0];
    assert_eq!(p1.avg_daily_sales, Some(4.0));
    assert_eq!(p1.coverage_days, Some(10.0));
    assert!(!p1.urgent_reorder);
    assert_eq!(p1.period_units_sold, Quantity::from_units(12));
    // Rotation: 12 units in 90 days → 48.67 a year, over 40 in stock.
    assert!((p1.rotation_per_year.unwrap() - 12.0 * 365.0 / 90.0 / 40.0).abs() < 1e-9);
    // Reorder: 4/day × (7 + 7) days = 56, minus 40 in stock.
    assert_eq!(p1.suggested_reorder_quantity, Quantity::from_units(16));
    let p2 = &a.products[1];
    // 9 units over 31 days → 0.29/day; coverage 3 / 0.29 = 10.3 days.
    assert!((p2.coverage_days.unwrap() - 3.0 / (9.0 / 31.0)).abs() < 1e-9);
    // Up to the minimum stock of 10, since 14 days of demand (4.06) is less.
    assert_eq!(p2.suggested_reorder_quantity, Quantity::from_units(7));
    assert_eq!(a.kpis.total_stock_value, Money::from_cents(40 * 200 + 3 * 100));
    // Shop rotation at cost (price where no cost): (12×1.20 + 9×1.00) × 365/90 / (40×1.20 + 3×1.00).
    let expected = (12.0 * 1.2 + 9.0) * 365.0 / 90.0 / (40.0 * 1.2 + 3.0);
    assert!((a.kpis.rotation_per_year.unwrap() - expected).abs() < 1e-9);
    assert!((a.kpis.avg_coverage_days.unwrap() - (10.0 + 3.0 / (9.0 / 31.0)) / 2.0).abs() < 1e-9);
}

#[test]
fn urgent_reorders_and_alerts_follow_the_documented_rules() {
    let catalogue = [product(1, 20, 10, 100, None), product(2, 1, 8, 100, None), product(3, 3, 10, 100, None)];
    let sales = ledger(&[(today(), 1, 8)]);
    let a = stock_analytics(&sales, &catalogue, &query());
    // 20 in stock at 8/day: 2.5 days of coverage, urgent although its status is OK.
    assert!(a.products[0].urgent_reorder);
    assert_eq!(a.products[0].status, StockStatus::Ok);
    assert_eq!(a.kpis.urgent_reorder_count, 1);
    let alerts = stock_alerts(&a);
    let got: Vec<_> = alerts.iter().map(|x| (x.product_id.get(), x.severity, x.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, Severity::High, "Product 2 is below minimum stock"),
            (3, Severity::Medium, "Product 3 is below minimum stock")
        ]
    );
}

#[test]
fn returns_do_not_count_as_demand() {
    let catalogue = [product(1, 10, 5, 100, None)];
    let sales = ledger(&[(today(), 1, -3)]);
    let a = stock_analytics(&sales, &catalogue, &query());
    assert_eq!(a.products[0].avg_daily_sales, None);
    assert_eq!(a.products[0].last_sale_date, None);
}
