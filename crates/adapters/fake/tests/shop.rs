//! The fake shop: determinism, realism (statuses, seasonality) and the injected-anomaly export.

use std::collections::BTreeMap;
use std::sync::Arc;

use adapter_fake::{AnomalyKind, AnomalyScope, Dataset, FakeShop, FakeShopConfig, upstream_mock};
use adapter_memory::FixedClock;
use chrono::{Datelike, Days, NaiveDate};
use domain::stock::SalesRecency;
use domain::{NewSale, NewSaleLine, Principal, ProductId, Quantity, Sku, StockStatus};
use ports::{SalesSink, SalesSource, SinkError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn shop(config: FakeShopConfig) -> FakeShop {
    FakeShop::new(Dataset::Shop(config), Arc::new(FixedClock::on(today())))
}

/// Units sold per day, for the whole shop or one product.
fn units_by_day(shop: &FakeShop, product: Option<ProductId>) -> BTreeMap<NaiveDate, f64> {
    let mut days: BTreeMap<NaiveDate, f64> =
        (shop.history().iter().map(|s| s.header.at.date())).map(|d| (d, 0.0)).collect();
    for sale in shop.history().iter() {
        for line in sale.lines.iter().filter(|l| product.is_none_or(|p| p == l.product_id)) {
            *days.entry(sale.header.at.date()).or_default() += line.quantity.to_f64();
        }
    }
    days
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
fn same_seed_and_day_give_identical_data_and_ids() {
    let a = shop(FakeShopConfig::default());
    let b = shop(FakeShopConfig::default());
    assert_eq!(a.catalogue(), b.catalogue());
    assert_eq!(*a.history(), *b.history());
    assert_eq!(a.events(), b.events());
    let c = shop(FakeShopConfig { seed: 7, ..FakeShopConfig::default() });
    assert_ne!(*a.history(), *c.history());
    // Ids are stable and meaningful: products 1..=n, sales numbered in time order from 1.
    let ids: Vec<u64> = a.catalogue().iter().map(|p| p.id().get()).collect();
    assert_eq!(ids, (1..=60).collect::<Vec<_>>());
    let ledger = a.history();
    let sales: Vec<_> = ledger.iter().collect();
    assert_eq!(sales[0].header.id.get(), 1);
    assert!(sales.windows(2).all(|w| w[0].header.id < w[1].header.id && w[0].header.at <= w[1].header.at));
}

#[test]
fn the_default_shop_is_realistic_and_covers_every_stock_status() {
    let shop = shop(FakeShopConfig::default());
    let products = shop.catalogue();
    assert!(products.len() >= 50);
    let categories: std::collections::BTreeSet<_> = products.iter().map(|p| p.category().as_str().to_owned()).collect();
    assert!(categories.len() >= 6, "{categories:?}");
    assert!(products.iter().all(|p| p.cost().unwrap() < p.price()));

    let ledger = shop.history();
    let first = ledger.iter().map(|s| s.header.at.date()).min().unwrap();
    let last = ledger.iter().map(|s| s.header.at.date()).max().unwrap();
    assert!((last - first).num_days() >= 400, "{first}..{last}");
    assert_eq!(last, today());

    let mut last_sale = BTreeMap::new();
    for sale in ledger.iter() {
        for line in sale.lines {
            last_sale.insert(line.product_id, sale.header.at.date());
        }
    }
    let statuses: std::collections::BTreeSet<_> = products
        .iter()
        .map(|p| {
            let recency =
                SalesRecency { last_sale: last_sale.get(&p.id()).copied(), observed_since: first, today: today() };
            format!("{:?}", StockStatus::classify(p.stock(), p.low_stock_threshold(), recency, 90))
        })
        .collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");
}

#[test]
fn weekly_seasonality_and_closed_days_show_in_the_sales() {
    let shop = shop(FakeShopConfig::default());
    let days = units_by_day(&shop, None);
    let mean_on = |weekday: chrono::Weekday| {
        let v: Vec<f64> = days.iter().filter(|(d, _)| d.weekday() == weekday).map(|(_, u)| *u).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean_on(chrono::Weekday::Sat) > 1.3 * mean_on(chrono::Weekday::Sun));
    for closed in shop.events().closed_days {
        assert!(!days.contains_key(&closed), "sales on closed day {closed}");
    }
}

#[test]
fn every_injected_anomaly_is_visible_in_the_data() {
    let shop = shop(FakeShopConfig::default());
    let events = shop.events();
    assert!(events.anomalies.len() >= 8, "{:?}", events.anomalies);
    for a in &events.anomalies {
        let product = match a.scope {
            AnomalyScope::Global => None,
            AnomalyScope::Product(p) => Some(p),
        };
        let days = units_by_day(&shop, product);
        let at = |d: NaiveDate| days.get(&d).copied().unwrap_or(0.0);
        let before: Vec<f64> = (1..=28).map(|i| at(a.start - Days::new(i))).collect();
        let baseline = median(before.clone());
        match a.kind {
            AnomalyKind::ZeroDay => assert_eq!(at(a.start), 0.0, "{a:?}"),
            AnomalyKind::Spike => assert!(at(a.start) > 2.0 * baseline, "{a:?}: {} vs {baseline}", at(a.start)),
            AnomalyKind::LevelShift => {
                let during: Vec<f64> = a.start.iter_days().take_while(|d| *d <= a.end).map(at).collect();
                let ratio = (during.iter().sum::<f64>() / during.len() as f64) / (before.iter().sum::<f64>() / 28.0);
                assert!((ratio - a.factor).abs() < 0.35 * a.factor, "{a:?}: ratio {ratio}");
            }
        }
    }
}

#[test]
fn size_is_configurable_for_benchmarks() {
    let shop = shop(FakeShopConfig { seed: 1, products: 80, days: 120, sale_lines: Some(300_000) });
    let lines = shop.history().line_count() as f64;
    assert!((lines - 300_000.0).abs() < 30_000.0, "{lines}");
    assert_eq!(shop.catalogue().len(), 80);
}

#[tokio::test]
async fn recorded_sales_join_the_history_and_leave_the_shelf() {
    let shop = shop(FakeShopConfig::default());
    let caller = Principal::dev_admin();
    let product = shop.catalogue().into_iter().find(|p| p.stock() > Quantity::from_units(3)).unwrap();
    let before = shop.sales_since(&caller, today()).await.unwrap().len();
    let sale = NewSale {
        at: None,
        lines: vec![NewSaleLine {
            product_id: product.id(),
            sku: None,
            quantity: Quantity::from_units(2),
            unit_price: None,
        }],
    };
    shop.record(&caller, std::slice::from_ref(&sale)).await.unwrap();
    assert_eq!(shop.sales_since(&caller, today()).await.unwrap().len(), before + 1);
    let after = shop.catalogue().into_iter().find(|p| p.id() == product.id()).unwrap();
    assert_eq!(after.stock(), product.stock() - Quantity::from_units(2));

    let too_many = NewSale {
        lines: vec![NewSaleLine { quantity: Quantity::from_units(1_000_000), ..sale.lines[0].clone() }],
        ..sale
    };
    let err = shop.record(&caller, &[too_many]).await.unwrap_err();
    assert!(matches!(err, SinkError::Rejected { ref code, .. } if code == "INSUFFICIENT_STOCK"), "{err:?}");
}

#[tokio::test]
async fn the_upstream_mock_set_is_available_as_a_fixture() {
    let shop = FakeShop::new(Dataset::UpstreamMock, Arc::new(FixedClock::on(today())));
    let caller = Principal::dev_admin();
    let products = shop.products(&caller).await.unwrap();
    let names: Vec<_> = products.iter().map(|p| p.name().to_owned()).collect();
    assert_eq!(names, ["Milk", "Bread", "Sugar"]);
    let todays = shop.sales_since(&caller, today()).await.unwrap();
    assert_eq!(todays.len(), 1);
    assert_eq!(todays.iter().next().unwrap().header.total.to_f64(), 20.0);
    let milk = shop.product_daily_units(&caller, &Sku::parse("MILK-001").unwrap(), today()).await.unwrap();
    let units: Vec<f64> = milk.iter().map(|d| d.quantity.to_f64()).collect();
    assert_eq!(units, upstream_mock::ML_MILK_SERIES);
    let unknown = shop.product_daily_units(&caller, &Sku::parse("NOPE-1").unwrap(), today()).await;
    assert!(matches!(unknown, Err(ports::SourceError::NotFound { .. })));
}
