//! The analytics use cases: the upstream's golden numbers (reference §8.3) on its own mock set,
//! caching, and failures of the source.

use std::sync::Arc;
use std::time::Duration;

use adapter_fake::{Dataset, FakeShop};
use adapter_memory::{FixedClock, MemoryCache};
use app::{AnalyticsConfig, AnalyticsError, AnalyticsService, SalesRequest, StockRequest};
use chrono::NaiveDate;
use domain::analytics::{Period, StockPolicy, stock_alerts};
use domain::{AccessToken, Principal, Role, Roles, SalesLedger, StockStatus};
use ports::{MockSalesSource, SalesSource, SourceError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn config() -> AnalyticsConfig {
    AnalyticsConfig {
        ttl: Duration::from_secs(300),
        max_window_days: 3660,
        demand_window_days: 90,
        stock: StockPolicy { dead_after_days: 90, urgent_coverage_days: 7, lead_time_days: 7, safety_days: 7 },
    }
}

fn service(source: Arc<dyn SalesSource>) -> AnalyticsService {
    AnalyticsService::new(source, Arc::new(FixedClock::on(today())), Arc::new(MemoryCache::default()), config())
}

fn upstream_mock() -> AnalyticsService {
    service(Arc::new(FakeShop::new(Dataset::UpstreamMock, Arc::new(FixedClock::on(today())))))
}

#[tokio::test]
async fn daily_sales_reproduce_the_upstream_golden_numbers() {
    let a = upstream_mock().sales(&Principal::dev_admin(), SalesRequest::default()).await.unwrap();
    assert_eq!(a.totals.revenue.round_to_cents(), 20.0);
    assert_eq!(a.totals.quantity.to_f64(), 8.0);
    assert_eq!(a.totals.transactions, 1);
    assert_eq!(a.totals.average_ticket().round_to_cents(), 20.0);
    assert_eq!(a.products[0].name, "Milk");
    assert_eq!(a.share(a.products[0].revenue), 100.0);
}

#[tokio::test]
async fn stock_reproduces_the_upstream_golden_numbers() {
    let a = upstream_mock().stock(&Principal::dev_admin(), StockRequest::default()).await.unwrap();
    let by_name = |n: &str| a.products.iter().find(|p| p.name == n).unwrap();
    assert_eq!(by_name("Milk").status, StockStatus::Ok);
    assert_eq!((by_name("Milk").coverage_days.unwrap() * 10.0).round() / 10.0, 3.1);
    assert_eq!(by_name("Bread").status, StockStatus::LowStock);
    assert_eq!(by_name("Sugar").status, StockStatus::OutOfStock);
    assert_eq!(a.kpis.total_stock_value.round_to_cents(), 69.7);
    assert_eq!((a.kpis.low_stock_ratio * 10.0).round() / 10.0, 33.3);
    assert_eq!(a.kpis.urgent_reorder_count, 1);
    assert_eq!(a.kpis.dead_stock_count, 0);
    assert_eq!(a.kpis.out_of_stock_count, 1);
    // The legacy alert rule on the same data: Bread 4/5 is LOW (ratio 0.8), Sugar 0/10 is HIGH.
    let alerts: Vec<_> = stock_alerts(&a).into_iter().map(|x| (x.name, x.severity.as_str())).collect();
    assert_eq!(alerts, [("Sugar".to_owned(), "HIGH"), ("Bread".to_owned(), "LOW")]);
}

fn user(role: Role) -> Principal {
    Principal { subject: "s".into(), username: None, roles: Roles::new([role]), token: Some(AccessToken::new("t")) }
}

#[tokio::test]
async fn results_are_cached_per_role_set_and_the_source_is_asked_once() {
    let mut source = MockSalesSource::new();
    source.expect_products().times(2).returning(|_| Ok(adapter_fake::upstream_mock::products()));
    source.expect_sales_since().times(2).returning(|_, _| Ok(SalesLedger::default()));
    let svc = service(Arc::new(source));
    for _ in 0..3 {
        svc.sales(&user(Role::Admin), SalesRequest::default()).await.unwrap();
    }
    // Another role set gets its own entry: the Java service decides access by role.
    svc.sales(&user(Role::User), SalesRequest::default()).await.unwrap();
}

#[tokio::test]
async fn source_failures_propagate_and_are_not_cached() {
    let mut source = MockSalesSource::new();
    source
        .expect_products()
        .times(2)
        .returning(|_| Err(SourceError::Unavailable { reason: "down".into(), retry_after: None }));
    source.expect_sales_since().returning(|_, _| Ok(SalesLedger::default()));
    let svc = service(Arc::new(source));
    for _ in 0..2 {
        let err = svc.stock(&user(Role::Admin), StockRequest::default()).await.unwrap_err();
        assert!(matches!(err, AnalyticsError::Source(SourceError::Unavailable { .. })), "{err:?}");
    }
}

#[tokio::test]
async fn bad_windows_name_the_field() {
    let svc = upstream_mock();
    let request =
        SalesRequest { start_date: Some(today()), end_date: None, period: Period::Daily, ..SalesRequest::default() };
    match svc.sales(&Principal::dev_admin(), request).await {
        Err(AnalyticsError::InvalidRequest { field, .. }) => assert_eq!(field, "end_date"),
        other => panic!("{other:?}"),
    }
    let request = StockRequest { dead_after_days: Some(0), ..StockRequest::default() };
    assert!(matches!(
        svc.stock(&Principal::dev_admin(), request).await,
        Err(AnalyticsError::InvalidRequest { field: "dead_after_days", .. })
    ));
}

#[test]
fn cached_results_round_trip_exactly_through_their_type() {
    let shop = FakeShop::new(Dataset::Shop(adapter_fake::FakeShopConfig::default()), Arc::new(FixedClock::on(today())));
    let (ledger, catalogue) = (shop.history(), shop.catalogue());
    let window = domain::DateRange::ending(today(), 90);
    let sales = domain::analytics::sales_analytics(
        &ledger,
        &catalogue,
        &domain::analytics::SalesQuery { window, granularity: domain::analytics::Granularity::Week },
    );
    let bytes = postcard::to_stdvec(&sales).unwrap();
    assert_eq!(postcard::from_bytes::<domain::analytics::SalesAnalytics>(&bytes).unwrap(), sales);
    let query = domain::analytics::StockQuery {
        today: today(),
        observed_since: domain::DateRange::ending(today(), 120).start(),
        demand_window: window,
        period_window: domain::DateRange::ending(today(), 7),
        policy: config().stock,
    };
    let stock = domain::analytics::stock_analytics(&ledger, &catalogue, &query);
    let bytes = postcard::to_stdvec(&stock).unwrap();
    assert_eq!(postcard::from_bytes::<domain::analytics::StockAnalytics>(&bytes).unwrap(), stock);
}
