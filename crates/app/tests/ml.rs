//! The ML use cases over the fake shop and a mocked source.

use std::sync::Arc;
use std::time::Duration;

use adapter_fake::{AnomalyKind, AnomalyScope, Dataset, FakeShop, FakeShopConfig};
use adapter_memory::{FixedClock, MemoryAlertStore, MemoryCache, RecordingNotifier, SequentialIds};
use app::ml::{AnomalyRequest, BatchRequest, ForecastRequest, ProductSelector, Scope, Target, compute_batch};
use app::{AlertService, MlConfig, MlError, MlService, RetryPolicy};
use chrono::{Days, NaiveDate};
use domain::anomaly::{AnomalyLabel, AnomalyMethod};
use domain::forecast::ModelKind;
use domain::{Principal, Quantity, Severity};
use ports::{AlertFilter, AlertStore, DailyUnits, MockSalesSource, SalesSource};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn config() -> MlConfig {
    MlConfig {
        ttl: Duration::from_secs(300),
        history_days: 400,
        max_forecast_days: 365,
        default_model: ModelKind::Auto,
        backtest_origins: 3,
        random_forest_in_auto: false,
        anomaly_threshold: 3.5,
        anomaly_min_history: 14,
        anomaly_history_days: 120,
        calendar: domain::holidays::ShopCalendar { annual: vec![(1, 1), (5, 1), (12, 25)], ..Default::default() },
    }
}

fn service(source: Arc<dyn SalesSource>) -> (MlService, Arc<MemoryAlertStore>) {
    let clock = Arc::new(FixedClock::on(today()));
    let store = Arc::new(MemoryAlertStore::default());
    let policy = RetryPolicy { max_attempts: 3, backoff: Duration::from_secs(30), lease: Duration::from_secs(60) };
    let alerts = Arc::new(AlertService::new(
        store.clone(),
        vec![Arc::new(RecordingNotifier::named("log"))],
        clock.clone(),
        Arc::new(SequentialIds::default()),
        policy,
    ));
    (MlService::new(source, clock, Arc::new(MemoryCache::default()), alerts, config()), store)
}

fn shop() -> Arc<FakeShop> {
    Arc::new(FakeShop::new(Dataset::Shop(FakeShopConfig::default()), Arc::new(FixedClock::on(today()))))
}

fn request(scope: Scope, product: ProductSelector, horizon: usize) -> ForecastRequest {
    ForecastRequest { scope, product, horizon, model: None, target: Target::Units }
}

#[tokio::test]
async fn the_shop_and_its_products_are_forecast_from_yesterday_on() {
    let (ml, _) = service(shop());
    let caller = Principal::dev_admin();
    let f = ml.forecast(&caller, request(Scope::Global, ProductSelector::default(), 14)).await.unwrap();
    assert_eq!(f.history_end, today() - Days::new(1), "today is still running");
    assert_eq!(f.dates[0], today());
    assert_eq!(f.forecast.points.len(), 14);
    assert_ne!(f.forecast.model, ModelKind::Auto);
    assert!(f.forecast.backtest.is_some());
    let i = &f.forecast.interval80;
    assert!((0..14).all(|h| i.lower[h] <= f.forecast.points[h] && f.forecast.points[h] <= i.upper[h]));
    // The configured closures (25 December, 1 January) are forecast as zero.
    let long = ml.forecast(&caller, request(Scope::Global, ProductSelector::default(), 45)).await.unwrap();
    for (date, point) in long.dates.iter().zip(&long.forecast.points) {
        let closed = date.format("%m-%d").to_string() == "12-25" || date.format("%m-%d").to_string() == "01-01";
        assert_eq!(*point == 0.0, closed, "{date}: {point}");
    }
    let revenue = ml
        .forecast(
            &caller,
            ForecastRequest { target: Target::Revenue, ..request(Scope::Global, ProductSelector::default(), 7) },
        )
        .await
        .unwrap();
    assert!(revenue.forecast.points[0] > f.forecast.points[0], "revenue is larger than units here");
    for selector in [
        ProductSelector { sku: Some("dai-0001".into()), ..ProductSelector::default() },
        ProductSelector { name: Some(" whole milk ".into()), ..ProductSelector::default() },
        ProductSelector { product_id: Some(1), ..ProductSelector::default() },
    ] {
        let f = ml.forecast(&caller, request(Scope::Product, selector, 7)).await.unwrap();
        assert_eq!(f.product.unwrap().sku.as_str(), "DAI-0001");
    }
    let unknown = ml
        .forecast(
            &caller,
            request(Scope::Product, ProductSelector { sku: Some("NOPE-1".into()), ..ProductSelector::default() }, 7),
        )
        .await;
    assert!(matches!(unknown, Err(MlError::UnknownProduct(_))), "{unknown:?}");
    for bad in [0, 366] {
        let err = ml.forecast(&caller, request(Scope::Global, ProductSelector::default(), bad)).await.unwrap_err();
        assert!(matches!(err, MlError::InvalidRequest { field: "forecast_days", .. }));
    }
}

#[tokio::test]
async fn the_linear_model_gives_the_upstream_golden_values_through_the_pipeline() {
    let mut source = MockSalesSource::new();
    source.expect_products().returning(|_| Ok(adapter_fake::upstream_mock::products()));
    source.expect_product_daily_units().returning(|_, _, _| {
        let start = today() - Days::new(4);
        Ok([5, 7, 6, 9]
            .iter()
            .enumerate()
            .map(|(i, q)| DailyUnits { date: start + Days::new(i as u64), quantity: Quantity::from_units(*q) })
            .collect())
    });
    let (ml, _) = service(Arc::new(source));
    let selector = ProductSelector { sku: Some("MILK-001".into()), ..ProductSelector::default() };
    let f = ml
        .forecast(
            &Principal::dev_admin(),
            ForecastRequest { model: Some(ModelKind::Linear), ..request(Scope::Product, selector, 7) },
        )
        .await
        .unwrap();
    let rounded: Vec<f64> = f.forecast.points.iter().map(|p| (p * 100.0).round() / 100.0).collect();
    assert_eq!(rounded, [9.5, 10.6, 11.7, 12.8, 13.9, 15.0, 16.1]);
}

fn anomalies(threshold: Option<f64>) -> AnomalyRequest {
    AnomalyRequest {
        scope: Scope::Global,
        product: ProductSelector::default(),
        method: AnomalyMethod::Robust,
        threshold,
        min_history: None,
        causal: false,
        history_days: None,
        target: Target::Units,
    }
}

#[tokio::test]
async fn injected_anomalies_are_found_and_high_ones_alert_once() {
    let shop = shop();
    let injected = shop.events().anomalies;
    let (ml, store) = service(shop);
    let result = ml.anomalies(&Principal::dev_admin(), anomalies(None)).await.unwrap();
    let find =
        |kind: AnomalyKind| injected.iter().find(|a| a.kind == kind && a.scope == AnomalyScope::Global).unwrap().start;
    let spike = result.anomalies.iter().find(|a| a.date == find(AnomalyKind::Spike)).expect("the injected spike");
    assert_eq!((spike.label, spike.severity), (AnomalyLabel::HighSpike, Severity::High));
    assert!(spike.alert_id.is_some() && spike.flagged);
    let zero = result.anomalies.iter().find(|a| a.date == find(AnomalyKind::ZeroDay)).expect("the till outage");
    assert_eq!(zero.label, AnomalyLabel::ZeroDrop);
    let closed = NaiveDate::from_ymd_opt(2026, 5, 1).expect("date");
    assert!(result.anomalies.iter().all(|a| a.date != closed));
    let alerts = store.list(&AlertFilter::default(), 0, 100).await.unwrap().total;
    assert_eq!(alerts as usize, result.anomalies.iter().filter(|a| a.severity == Severity::High).count());
    // A second computation (another threshold: a cache miss) raises no second alert.
    ml.anomalies(&Principal::dev_admin(), anomalies(Some(3.0))).await.unwrap();
    let after = store.list(&AlertFilter::default(), 0, 100).await.unwrap();
    assert!(after.total >= alerts, "{after:?}");
    let keys: std::collections::HashSet<_> = after.items.iter().map(|a| a.dedup_key.clone()).collect();
    assert_eq!(keys.len() as u64, after.total, "one alert per dedup key");
    let z = ml
        .anomalies(&Principal::dev_admin(), AnomalyRequest { method: AnomalyMethod::Zscore, ..anomalies(None) })
        .await
        .unwrap();
    assert!(z.anomalies.iter().all(|a| matches!(a.severity, Severity::Medium | Severity::High)));
}

#[tokio::test]
async fn every_product_is_forecast_in_one_batch() {
    let (ml, _) = service(shop());
    let inputs = ml
        .batch_inputs(&Principal::dev_admin(), BatchRequest { horizon: 14, model: None, target: Target::Units })
        .await
        .unwrap();
    let all = compute_batch(&inputs);
    assert_eq!(all.len(), 60);
    assert!(
        all.iter().filter(|f| f.model.is_some()).count() >= 57,
        "{:?}",
        all.iter().filter(|f| f.error.is_some()).collect::<Vec<_>>()
    );
    assert!(all.iter().filter(|f| f.model.is_some()).all(|f| f.points.len() == 14 && f.total >= 0.0));
}
