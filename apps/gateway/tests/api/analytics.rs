//! The analytics routes over HTTP: upstream shape and golden numbers, CSV, bad input, failures
//! of the source and caching.

use std::sync::Arc;

use domain::{Money, Product, ProductId, SalesLedger, Sku};
use ports::{MockSalesSource, SourceError};
use reqwest::StatusCode;
use serde_json::Value;
use testkit::TestApp;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let res = app.get(path).send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

#[tokio::test]
async fn the_upstream_mock_set_gives_the_upstream_golden_numbers() {
    let app = TestApp::builder().with_env("APP__DATA__FAKE__DATASET", "upstream_mock").spawn().await;
    let (status, sales) = json(&app, "/api/v1/analytics/sales").await;
    assert_eq!(status, StatusCode::OK, "{sales}");
    let k = &sales["kpis"];
    assert_eq!((k["total_revenue"].as_f64(), k["total_quantity"].as_f64()), (Some(20.0), Some(8.0)));
    assert_eq!((k["total_transactions"].as_u64(), k["average_ticket"].as_f64()), (Some(1), Some(20.0)));
    assert_eq!(k["top_products"][0]["name"], "Milk");
    assert_eq!(k["top_products"][0]["share_of_revenue"], 100.0);
    assert_eq!(sales["period_label"], "Aujourd’hui");
    assert_eq!((sales["start_date"].as_str(), sales["end_date"].as_str()), (Some("2026-11-23"), Some("2026-11-23")));

    let (status, stock) = json(&app, "/api/v1/analytics/stock").await;
    assert_eq!(status, StatusCode::OK);
    let k = &stock["kpis"];
    assert_eq!(k["total_stock_value"], 69.7);
    assert_eq!(k["low_stock_ratio"], 33.3);
    assert_eq!((k["urgent_reorder_count"].as_u64(), k["dead_stock_count"].as_u64()), (Some(1), Some(0)));
    assert_eq!((k["out_of_stock_count"].as_u64(), k["low_stock_count"].as_u64()), (Some(1), Some(1)));
    let milk = stock["products"].as_array().unwrap().iter().find(|p| p["name"] == "Milk").unwrap();
    assert_eq!((milk["status"].as_str(), milk["coverage_days"].as_f64()), (Some("OK"), Some(3.1)));
    let critical: Vec<_> =
        stock["critical_products"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(critical, ["LOW_STOCK", "OUT_OF_STOCK"]);

    let (_, alerts) = json(&app, "/api/v1/analytics/stock/alerts").await;
    let got: Vec<_> =
        alerts["alerts"].as_array().unwrap().iter().map(|a| (a["name"].as_str(), a["severity"].as_str())).collect();
    assert_eq!(got, [(Some("Sugar"), Some("high")), (Some("Bread"), Some("low"))]);
    assert_eq!(alerts["status"], "success");
}

#[tokio::test]
async fn the_fake_shop_answers_with_buckets_comparison_and_categories() {
    let app = TestApp::spawn().await;
    let (status, body) = json(&app, "/api/v1/analytics/sales?period=monthly&granularity=week&top=3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["daily"].as_array().unwrap().len(), 23);
    assert_eq!(body["kpis"]["top_products"].as_array().unwrap().len(), 3);
    assert_eq!(body["buckets"][0]["label"], "2026-W44");
    assert_eq!(body["buckets"][0]["partial"], true);
    let bucket_sum: f64 =
        body["buckets"].as_array().unwrap().iter().map(|b| b["total_revenue"].as_f64().unwrap()).sum();
    assert!((bucket_sum - body["kpis"]["total_revenue"].as_f64().unwrap()).abs() < 0.05);
    assert_eq!(body["comparison"]["end_date"], "2026-10-31");
    assert!(body["comparison"]["change"]["revenue_pct"].is_number());
    assert!(body["categories"].as_array().unwrap().len() >= 6);
    let shares: f64 =
        body["categories"].as_array().unwrap().iter().map(|c| c["share_of_revenue"].as_f64().unwrap()).sum();
    assert!((shares - 100.0).abs() < 1e-6);
    let (status, stock) = json(&app, "/api/v1/analytics/stock?period=weekly&dead_after_days=60").await;
    assert_eq!(status, StatusCode::OK);
    assert!(stock["kpis"]["dead_stock_count"].as_u64().unwrap() >= 3);
    assert!(stock["kpis"]["rotation_per_year"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn csv_exports_the_same_view() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/analytics/sales?period=weekly&format=csv").send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("sales_2026-11-17_2026-11-23_buckets.csv"));
    let text = res.text().await.unwrap();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines[0], "label,start,end,partial,revenue,quantity,transactions,average_ticket");
    assert_eq!(lines.len(), 8);
    let res = app.get("/api/v1/analytics/stock").header("Accept", "text/csv").send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(text.starts_with("product_id,sku,name,category,status,"));
    assert_eq!(text.lines().count(), 61);
}

fn source_with_products(products: Vec<Product>) -> MockSalesSource {
    let mut source = MockSalesSource::new();
    source.expect_products().returning(move |_| Ok(products.clone()));
    source.expect_sales_since().returning(|_, _| Ok(SalesLedger::default()));
    source
}

#[tokio::test]
async fn csv_cells_from_data_cannot_run_as_formulas() {
    let evil = Product::new(
        ProductId::new(1),
        Sku::parse("=1+1").unwrap(),
        "=HYPERLINK(\"http://x\",\"y\")",
        Money::from_cents(100),
    );
    let app = TestApp::builder().with_sales_source(Arc::new(source_with_products(vec![evil]))).spawn().await;
    let text = app.get("/api/v1/analytics/stock?format=csv").send().await.unwrap().text().await.unwrap();
    assert!(text.contains("'=1+1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "{text}");
}

#[tokio::test]
async fn bad_parameters_are_400_with_the_field_named() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("/api/v1/analytics/sales?period=yearly", "period"),
        ("/api/v1/analytics/sales?granularity=hour", "granularity"),
        ("/api/v1/analytics/sales?start_date=2026-02-30&end_date=2026-03-01", "start_date"),
        ("/api/v1/analytics/sales?start_date=26-01-01&end_date=2026-03-01", "start_date"),
        ("/api/v1/analytics/sales?start_date=2026-01-01", "end_date"),
        ("/api/v1/analytics/sales?end_date=2026-01-01", "start_date"),
        ("/api/v1/analytics/sales?start_date=2026-03-01&end_date=2026-01-01", "start_date"),
        ("/api/v1/analytics/sales?start_date=2000-01-01&end_date=2026-01-01", "end_date"),
        ("/api/v1/analytics/sales?top=0", "top"),
        ("/api/v1/analytics/sales?top=1000", "top"),
        ("/api/v1/analytics/sales?top=five", "top"),
        ("/api/v1/analytics/sales?format=xml", "format"),
        ("/api/v1/analytics/sales?format=csv&table=pivot", "table"),
        ("/api/v1/analytics/stock?period=hourly", "period"),
        ("/api/v1/analytics/stock?dead_after_days=0", "dead_after_days"),
        ("/api/v1/analytics/stock?dead_after_days=-3", "dead_after_days"),
    ] {
        let (status, body) = json(&app, query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(
            (body["code"].as_str(), body["details"]["field"].as_str()),
            (Some("invalid_query"), Some(field)),
            "{query}"
        );
    }
}

fn failing(error: fn() -> SourceError) -> Arc<MockSalesSource> {
    let mut source = MockSalesSource::new();
    source.expect_products().returning(move |_| Err(error()));
    source.expect_sales_since().returning(move |_, _| Err(error()));
    Arc::new(source)
}

#[tokio::test]
async fn failures_of_the_source_map_to_clear_statuses() {
    type Case = (fn() -> SourceError, StatusCode, &'static str);
    let cases: [Case; 4] = [
        (|| SourceError::Unauthorized, StatusCode::UNAUTHORIZED, "upstream_unauthorized"),
        (|| SourceError::Forbidden, StatusCode::FORBIDDEN, "upstream_forbidden"),
        (
            || SourceError::Unavailable { reason: "timed out".into(), retry_after: None },
            StatusCode::SERVICE_UNAVAILABLE,
            "upstream_unavailable",
        ),
        (
            || SourceError::BadResponse { reason: "GET /products: invalid JSON".into() },
            StatusCode::BAD_GATEWAY,
            "upstream_bad_response",
        ),
    ];
    for (error, status, code) in cases {
        let app = TestApp::builder().with_sales_source(failing(error)).spawn().await;
        for path in ["/api/v1/analytics/sales", "/api/v1/analytics/stock", "/api/v1/analytics/stock/alerts"] {
            let res = app.get(path).send().await.unwrap();
            assert_eq!(res.status(), status, "{path}");
            if status == StatusCode::SERVICE_UNAVAILABLE {
                assert_eq!(res.headers()["retry-after"], "5");
            }
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["code"], code, "{path}");
        }
    }
}

#[tokio::test]
async fn repeated_requests_are_served_from_the_cache() {
    let mut source = MockSalesSource::new();
    source.expect_products().times(1).returning(|_| Ok(adapter_fake::upstream_mock::products()));
    source.expect_sales_since().times(1).returning(|_, _| Ok(SalesLedger::default()));
    let app = TestApp::builder().with_sales_source(Arc::new(source)).spawn().await;
    for _ in 0..5 {
        assert_eq!(json(&app, "/api/v1/analytics/sales?period=weekly").await.0, StatusCode::OK);
    }
    let (_, metrics) = (0, app.get("/metrics").send().await.unwrap().text().await.unwrap());
    assert!(metrics.contains(r#"cache_requests_total{scope="analytics",result="hit"}"#), "{metrics}");
}

#[tokio::test]
async fn windows_follow_the_shops_time_zone_not_utc() {
    use adapter_memory::FixedClock;
    use chrono::{DateTime, FixedOffset};
    // 23:30 UTC on the 23rd is already the 24th in a UTC+1 shop.
    let late = DateTime::parse_from_rfc3339("2026-11-23T23:30:00Z").unwrap().to_utc();
    let clock = FixedClock::at(late).with_offset(FixedOffset::east_opt(3600).unwrap());
    let app = TestApp::builder().with_clock(Arc::new(clock)).spawn().await;
    let (_, body) = json(&app, "/api/v1/analytics/sales").await;
    assert_eq!((body["start_date"].as_str(), body["end_date"].as_str()), (Some("2026-11-24"), Some("2026-11-24")));
    let (_, weekly) = json(&app, "/api/v1/analytics/sales?period=monthly").await;
    assert_eq!(weekly["start_date"], "2026-11-01");
    let (_, stock) = json(&app, "/api/v1/analytics/stock").await;
    assert_eq!(stock["as_of"], "2026-11-24");
}
