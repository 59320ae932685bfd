//! Sales analytics: hand-computed cases and properties.

use chrono::{NaiveDate, NaiveDateTime};
use domain::analytics::{Granularity, Period, SalesQuery, TrendHint, resolve_window, sales_analytics};
use domain::{Category, DateRange, Money, Product, ProductId, Quantity, SaleId, SaleLine, SalesLedger, Sku};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, 0, 0).expect("valid time")
}

fn product(id: u64, name: &str, category: &str, cents: i64) -> Product {
    Product::new(
        ProductId::new(id),
        Sku::parse(&format!("SKU-{id}")).expect("valid sku"),
        name,
        Money::from_cents(cents),
    )
    .with_category(Category::new(category))
}

fn line(id: u64, units: i64, cents: i64) -> SaleLine {
    SaleLine {
        product_id: ProductId::new(id),
        quantity: Quantity::from_units(units),
        unit_price: Money::from_cents(cents),
    }
}

fn ledger(sales: &[(NaiveDateTime, Vec<SaleLine>)]) -> SalesLedger {
    let mut b = SalesLedger::builder();
    for (i, (when, lines)) in sales.iter().enumerate() {
        let total = lines.iter().map(SaleLine::subtotal).sum();
        b.push(SaleId::new(i as u64 + 1), *when, total, lines.clone()).expect("small ledger");
    }
    b.build()
}

#[test]
fn a_hand_computed_week_with_comparison_categories_and_zero_days() {
    let catalogue =
        [product(1, "Milk", "Dairy", 250), product(2, "Bread", "Bakery", 180), product(3, "Cheese", "Dairy", 500)];
    let sales = ledger(&[
        (at(d(2026, 11, 10), 9), vec![line(1, 2, 250)]), // previous window
        (at(d(2026, 11, 17), 9), vec![line(1, 4, 250), line(2, 1, 180)]), // 11.80
        (at(d(2026, 11, 17), 18), vec![line(3, 1, 500)]), // 5.00
        (at(d(2026, 11, 20), 12), vec![line(2, 2, 0)]),  // free bread: price 0 is honoured
        (at(d(2026, 11, 23), 23), vec![line(9, 1, 100)]), // a product no longer in the catalogue
        (at(d(2026, 11, 24), 0), vec![line(1, 100, 250)]), // after the window
    ]);
    let window = resolve_window(Period::Weekly, None, None, d(2026, 11, 23), 3660).unwrap();
    let a = sales_analytics(&sales, &catalogue, &SalesQuery { window, granularity: Granularity::Day });
    assert_eq!(a.totals.revenue, Money::from_cents(1780));
    assert_eq!(a.totals.quantity, Quantity::from_units(9));
    assert_eq!(a.totals.transactions, 4);
    assert_eq!(a.totals.average_ticket(), Money::from_cents(445));
    assert_eq!(a.daily.len(), 7);
    assert_eq!(a.daily.iter().filter(|p| p.totals.transactions == 0).count(), 4);
    assert_eq!(a.comparison.window, DateRange::new(d(2026, 11, 10), d(2026, 11, 16)).unwrap());
    assert_eq!(a.comparison.totals.revenue, Money::from_cents(500));
    assert!((a.comparison.change.revenue_pct.unwrap() - 256.0).abs() < 1e-9);
    let names: Vec<_> = a.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Milk", "Cheese", "Bread", "Unknown product 9"]);
    assert_eq!(a.products[2].quantity, Quantity::from_units(3));
    let categories: Vec<_> = a.categories.iter().map(|c| (c.category.as_str(), c.revenue)).collect();
    assert_eq!(
        categories,
        [
            ("Dairy", Money::from_cents(1500)),
            ("Bakery", Money::from_cents(180)),
            ("Uncategorized", Money::from_cents(100))
        ]
    );
    let shares: f64 = a.products.iter().map(|p| a.share(p.revenue)).sum();
    assert!((shares - 100.0).abs() < 1e-9);
}

#[test]
fn buckets_by_iso_week_month_and_quarter_sum_to_the_total() {
    let catalogue = [product(1, "Milk", "Dairy", 250)];
    let sales = ledger(&[
        (at(d(2024, 2, 29), 10), vec![line(1, 1, 250)]),
        (at(d(2024, 3, 31), 10), vec![line(1, 2, 250)]),
        (at(d(2024, 4, 1), 10), vec![line(1, 3, 250)]),
    ]);
    let window = DateRange::new(d(2024, 2, 26), d(2024, 4, 2)).unwrap();
    for (g, expected) in [
        (Granularity::Month, vec![("2024-02", 250), ("2024-03", 500), ("2024-04", 750)]),
        (Granularity::Quarter, vec![("2024-Q1", 750), ("2024-Q2", 750)]),
    ] {
        let a = sales_analytics(&sales, &catalogue, &SalesQuery { window, granularity: g });
        let got: Vec<_> = a.buckets.iter().map(|b| (b.bucket.label.as_str(), b.totals.revenue.minor() / 100)).collect();
        assert_eq!(got, expected, "{g:?}");
    }
    let weeks = sales_analytics(&sales, &catalogue, &SalesQuery { window, granularity: Granularity::Week });
    // 2024-02-29 is in W09, 2024-03-31 (a Sunday) in W13, 2024-04-01 (Monday) in W14.
    let w: Vec<_> =
        weeks.buckets.iter().filter(|b| b.totals.transactions > 0).map(|b| b.bucket.label.as_str()).collect();
    assert_eq!(w, ["2024-W09", "2024-W13", "2024-W14"]);
    assert_eq!(weeks.buckets.len(), 6);
}

#[test]
fn the_legacy_trend_hint_compares_half_windows_by_daily_average() {
    let m = |v: &[i64]| v.iter().map(|c| Money::from_cents(*c)).collect::<Vec<_>>();
    assert_eq!(domain::analytics::trend_hint(&m(&[100, 100, 100])), None);
    assert_eq!(domain::analytics::trend_hint(&m(&[100, 100, 120, 120])), Some(TrendHint::Upward));
    assert_eq!(domain::analytics::trend_hint(&m(&[100, 100, 80, 80])), Some(TrendHint::Downward));
    assert_eq!(domain::analytics::trend_hint(&m(&[100, 100, 105, 95])), Some(TrendHint::Stable));
    // Odd length: the legacy sum of the longer second half would have said "upward".
    assert_eq!(domain::analytics::trend_hint(&m(&[100, 100, 100, 100, 100])), Some(TrendHint::Stable));
}

fn arb_ledger() -> impl Strategy<Value = SalesLedger> {
    let sale = (0..60_u64, prop::collection::vec((1..8_u64, 1..20_i64, 0..5_000_i64), 1..5), 0..24_u32);
    prop::collection::vec(sale, 0..200).prop_map(|sales| {
        let start = d(2026, 1, 1);
        let rows: Vec<_> = sales
            .into_iter()
            .map(|(day, lines, hour)| {
                (at(start + chrono::Days::new(day), hour), lines.into_iter().map(|(p, u, c)| line(p, u, c)).collect())
            })
            .collect();
        ledger(&rows)
    })
}

proptest! {
    #[test]
    fn buckets_days_products_and_categories_all_add_up_to_the_total(
        sales in arb_ledger(),
        from in 0..40_u64,
        len in 1..30_u64,
        g in prop::sample::select(vec![Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter]),
    ) {
        let catalogue: Vec<Product> = (1..8).map(|i| product(i, &format!("P{i}"), ["A", "B", "C"][i as usize % 3], 100)).collect();
        let start = d(2026, 1, 1) + chrono::Days::new(from);
        let window = DateRange::new(start, start + chrono::Days::new(len - 1)).unwrap();
        let a = sales_analytics(&sales, &catalogue, &SalesQuery { window, granularity: g });
        // Zero-filled: every day of the window, in order, exactly once.
        prop_assert_eq!(a.daily.iter().map(|p| p.date).collect::<Vec<_>>(), window.iter_days().collect::<Vec<_>>());
        // Buckets cover the window without gaps.
        prop_assert!(a.buckets.first().unwrap().bucket.start <= window.start());
        prop_assert!(a.buckets.last().unwrap().bucket.end >= window.end());
        prop_assert!(a.buckets.windows(2).all(|w| w[0].bucket.end.succ_opt() == Some(w[1].bucket.start)));
        let sum = |it: &mut dyn Iterator<Item = Money>| it.fold(Money::ZERO, |x, y| x + y);
        prop_assert_eq!(sum(&mut a.buckets.iter().map(|b| b.totals.revenue)), a.totals.revenue);
        prop_assert_eq!(sum(&mut a.daily.iter().map(|b| b.totals.revenue)), a.totals.revenue);
        prop_assert_eq!(sum(&mut a.products.iter().map(|p| p.revenue)), a.totals.revenue);
        prop_assert_eq!(sum(&mut a.categories.iter().map(|c| c.revenue)), a.totals.revenue);
        prop_assert_eq!(a.buckets.iter().map(|b| b.totals.transactions).sum::<u64>(), a.totals.transactions);
        if a.totals.revenue.minor() > 0 {
            let shares: f64 = a.products.iter().map(|p| a.share(p.revenue)).sum();
            prop_assert!((shares - 100.0).abs() < 1e-6, "shares sum to {}", shares);
        }
    }
}
