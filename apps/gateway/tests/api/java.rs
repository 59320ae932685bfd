//! The gateway over a Java service faked by wiremock (reference §9 field names): data flows,
//! the caller's token is forwarded, and every failure of Java maps to a clear status in time.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{TestApp, tokens};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn gateway_over(java: &str, timeout_ms: &str) -> TestApp {
    TestApp::builder()
        .prod_auth()
        .with_env("APP__DATA__SOURCE", "java")
        .with_env("JAVA_API_URL", &format!("{java}/api/v1"))
        .with_env("APP__JAVA__TIMEOUT_MS", timeout_ms)
        .with_env("APP__JAVA__RETRIES", "1")
        .with_env("APP__JAVA__RETRY_BACKOFF_MS", "1")
        .spawn()
        .await
}

fn products() -> Value {
    json!([
        {"id": 1, "name": "Milk", "sku": "MILK-001", "price": 2.50, "stockQuantity": 25, "description": "Fresh whole milk", "imageUrl": "", "lowStockThreshold": 10},
        {"id": 2, "name": "Bread", "sku": "BREAD-002", "price": 1.80, "stockQuantity": 4, "description": null, "imageUrl": null, "lowStockThreshold": 5}
    ])
}

fn inventory() -> Value {
    json!([
        {"id": 11, "sku": "MILK-001", "name": "Milk", "description": null, "quantity": 25, "price": 2.50, "cost": 1.50, "category": "Dairy", "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2026-11-01T00:00:00Z"},
        {"id": 12, "sku": "BREAD-002", "name": "Bread", "description": null, "quantity": 4, "price": 1.80, "cost": 1.08, "category": "Bakery", "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2026-11-01T00:00:00Z"}
    ])
}

fn history() -> Value {
    json!([
        {"id": 501, "saleDate": "2026-11-23T14:30:00.123456", "totalAmount": 8.6,
         "items": [{"productId": 1, "productName": "Milk", "sku": "MILK-001", "quantity": 2, "unitPrice": 2.5, "subtotal": 5.0},
                   {"productId": 2, "productName": "Bread", "sku": "BREAD-002", "quantity": 2, "unitPrice": 1.8, "subtotal": 3.6}]},
        {"id": 500, "saleDate": "2026-11-23T09:00:00", "totalAmount": 2.5,
         "items": [{"productId": 1, "productName": "Milk", "sku": "MILK-001", "quantity": 1, "unitPrice": 2.5, "subtotal": 2.5}]}
    ])
}

async fn java_with_data() -> MockServer {
    let java = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/products"))
        .respond_with(ResponseTemplate::new(200).set_body_json(products()))
        .mount(&java)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/inventory"))
        .respond_with(ResponseTemplate::new(200).set_body_json(inventory()))
        .mount(&java)
        .await;
    java
}

#[tokio::test]
async fn data_flows_from_java_with_the_callers_token() {
    let java = java_with_data().await;
    let token = tokens::admin();
    Mock::given(method("GET"))
        .and(path("/api/v1/sales/history"))
        .and(query_param("days", "2"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(history()))
        .expect(1)
        .mount(&java)
        .await;
    let app = gateway_over(&java.uri(), "2000").await;
    let res = app.get_with("/api/v1/analytics/sales", &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["kpis"]["total_revenue"], 11.1);
    assert_eq!(body["kpis"]["total_transactions"], 2);
    assert_eq!(body["kpis"]["top_products"][0]["name"], "Milk");
    assert_eq!(body["categories"][0]["category"], "Dairy");
}

#[tokio::test]
async fn java_401_is_a_401() {
    let java = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(401)).mount(&java).await;
    let app = gateway_over(&java.uri(), "2000").await;
    let res = app.get_with("/api/v1/analytics/stock", &tokens::user()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "upstream_unauthorized");
}

#[tokio::test]
async fn java_down_is_a_503_with_retry_after_at_once() {
    let port = testkit::redis_server::free_port();
    let app = gateway_over(&format!("http://127.0.0.1:{port}"), "2000").await;
    let started = Instant::now();
    let res = app.get_with("/api/v1/analytics/sales", &tokens::admin()).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
    assert!(!body.to_string().contains(&port.to_string()), "the internal address leaked: {body}");
}

#[tokio::test]
async fn java_slower_than_the_timeout_is_a_503_never_a_hang() {
    let java = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])).set_delay(Duration::from_secs(10)))
        .mount(&java)
        .await;
    let app = gateway_over(&java.uri(), "200").await;
    let started = Instant::now();
    let res = app.get_with("/api/v1/analytics/stock", &tokens::admin()).send().await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    // One try and one retry of 200 ms each, plus a 1 ms backoff.
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
}

#[tokio::test]
async fn malformed_java_json_is_a_502_that_does_not_leak_the_address() {
    let java = java_with_data().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/sales/history"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&java)
        .await;
    let app = gateway_over(&java.uri(), "2000").await;
    let res = app.get_with("/api/v1/analytics/sales", &tokens::admin()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "upstream_bad_response");
    let address = java.address().to_string();
    assert!(!body.to_string().contains(&address), "{body}");
}

#[tokio::test]
async fn readiness_follows_javas_actuator() {
    let java = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/actuator/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "UP"})))
        .mount(&java)
        .await;
    let app = gateway_over(&java.uri(), "2000").await;
    let res = app.get("/api/v1/health/ready").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    java.reset().await;
    Mock::given(method("GET"))
        .and(path("/actuator/health"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&java)
        .await;
    let res = app.get("/api/v1/health/ready").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["dependencies"][0]["name"], "java");
}
