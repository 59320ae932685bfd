//! The Java adapter end to end: the fake shop served through the Java REST contract gives
//! exactly the analytics that DEV mode computes from the same shop directly.

use std::sync::Arc;

use adapter_fake::{Dataset, FakeShop, FakeShopConfig};
use adapter_memory::FixedClock;
use serde_json::Value;
use testkit::java_fake::{JavaFake, spawn};
use testkit::{TestApp, today};

async fn body(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).send().await.expect("request sent");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.json().await.expect("JSON")
}

#[tokio::test]
async fn analytics_through_java_equal_analytics_on_the_same_data_in_dev() {
    let clock = Arc::new(FixedClock::on(today()));
    let shop = Arc::new(FakeShop::new(Dataset::Shop(FakeShopConfig::default()), clock.clone()));
    let (java, _server) = spawn(JavaFake::new(shop, clock)).await;
    let dev = TestApp::spawn().await;
    let via_java = TestApp::builder()
        .with_env("APP__DATA__SOURCE", "java")
        .with_env("JAVA_API_URL", &format!("{java}/api/v1"))
        .spawn()
        .await;
    assert!(via_java.adapters.summary.sales_source.starts_with("java"));
    for path in [
        "/api/v1/analytics/sales",
        "/api/v1/analytics/sales?period=quarterly&granularity=week&top=10",
        "/api/v1/analytics/sales?start_date=2025-10-01&end_date=2026-09-30&granularity=quarter",
        "/api/v1/analytics/stock?period=monthly",
        "/api/v1/analytics/stock/alerts",
    ] {
        let (a, b) = (body(&dev, path).await, body(&via_java, path).await);
        assert_eq!(a, b, "{path}");
    }
    let ready = body(&via_java, "/api/v1/health/ready").await;
    assert_eq!(ready["dependencies"][0]["name"], "java");
}
