//! How Java's failures reach the `SalesSource` caller: statuses, retries, timeouts, bad bodies.

mod common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::{admin, api, assert_hides_address, client, client_with, config, day};
use ports::{SalesSource, SourceError};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server whose `/inventory` always answers `template`, expected `calls` times.
async fn inventory_answering(template: ResponseTemplate, calls: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path(api("/inventory"))).respond_with(template).expect(calls).mount(&server).await;
    server
}

async fn inventory_error(server: &MockServer) -> SourceError {
    client(server).inventory(&admin()).await.expect_err("Java failed")
}

#[tokio::test]
async fn java_401_is_unauthorized_and_not_retried() {
    let server = inventory_answering(ResponseTemplate::new(401), 1).await;
    assert!(matches!(inventory_error(&server).await, SourceError::Unauthorized));
}

#[tokio::test]
async fn java_403_is_forbidden_and_not_retried() {
    let server = inventory_answering(ResponseTemplate::new(403), 1).await;
    assert!(matches!(inventory_error(&server).await, SourceError::Forbidden));
}

#[tokio::test]
async fn java_404_is_not_found_and_not_retried() {
    let server = inventory_answering(ResponseTemplate::new(404), 1).await;
    match inventory_error(&server).await {
        SourceError::NotFound { what } => assert_eq!(what, "Java endpoint GET /inventory"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_400_is_a_bad_response_and_not_retried() {
    let body = r#"{"status":400,"code":"RUNTIME_ERROR","message":"Something broke","timestamp":"2026-11-20 15:00:00"}"#;
    let server = inventory_answering(ResponseTemplate::new(400).set_body_raw(body, "application/json"), 1).await;
    match inventory_error(&server).await {
        SourceError::BadResponse { reason } => assert!(reason.contains("RUNTIME_ERROR"), "{reason}"),
        other => panic!("expected BadResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_500_is_retried_then_unavailable() {
    let server = inventory_answering(ResponseTemplate::new(500), 3).await;
    match inventory_error(&server).await {
        SourceError::Unavailable { reason, retry_after } => {
            assert_eq!(reason, "GET /inventory: Java answered 500 Internal Server Error");
            assert_eq!(retry_after, Some(Duration::from_secs(5)));
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn a_retry_that_succeeds_returns_the_data() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    assert!(client(&server).inventory(&admin()).await.unwrap().is_empty());
}

#[tokio::test]
async fn retry_after_of_a_503_is_reported() {
    let server = inventory_answering(ResponseTemplate::new(503).insert_header("Retry-After", "7"), 1).await;
    let mut no_retry = config(format!("{}{}", server.uri(), common::API));
    no_retry.retries = 0;

    match client_with(no_retry).inventory(&admin()).await.unwrap_err() {
        SourceError::Unavailable { retry_after, .. } => assert_eq!(retry_after, Some(Duration::from_secs(7))),
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_of_a_503_paces_the_retries() {
    // Retry-After: 0 keeps the test fast while proving the header, not the back-off, is used.
    let server = inventory_answering(ResponseTemplate::new(503).insert_header("Retry-After", "0"), 3).await;
    let mut slow_backoff = config(format!("{}{}", server.uri(), common::API));
    slow_backoff.retry_backoff = Duration::from_secs(30);

    let started = Instant::now();
    let error = client_with(slow_backoff).inventory(&admin()).await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(5), "waited {:?}", started.elapsed());
    assert!(matches!(error, SourceError::Unavailable { retry_after: Some(d), .. } if d.is_zero()));
}

#[tokio::test]
async fn a_slow_java_times_out_quickly_as_unavailable() {
    let slow = ResponseTemplate::new(200).set_body_raw("[]", "application/json").set_delay(Duration::from_secs(10));
    let server = inventory_answering(slow, 2).await;
    let mut impatient = config(format!("{}{}", server.uri(), common::API));
    impatient.timeout = Duration::from_millis(200);
    impatient.retries = 1;

    let started = Instant::now();
    let error = client_with(impatient).inventory(&admin()).await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    match error {
        SourceError::Unavailable { reason, .. } => {
            assert_eq!(reason, "GET /inventory: Java did not answer within 200 ms");
            assert_hides_address(&server, &reason);
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn a_refused_connection_is_unavailable() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let java = client_with(config(format!("http://{address}/api/v1")));

    let error = java.sales_since(&admin(), day("2026-11-01")).await.unwrap_err();

    match error {
        SourceError::Unavailable { reason, .. } => {
            assert!(reason.starts_with("GET /sales/history: Java refused the connection"), "{reason}");
            assert!(!reason.contains(&address.port().to_string()), "{reason}");
            assert!(!reason.contains("127.0.0.1"), "{reason}");
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_bad_response_naming_the_position() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/sales/history")))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[{\"id\": }]", "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    match client(&server).sales_since(&admin(), day("2026-11-01")).await.unwrap_err() {
        SourceError::BadResponse { reason } => {
            assert_eq!(reason, "GET /sales/history: invalid JSON at line 1 column 9");
            assert_hides_address(&server, &reason);
        }
        other => panic!("expected BadResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn json_that_does_not_match_the_dto_is_a_bad_response() {
    let body = r#"[{"id": 1, "name": "Milk", "sku": "MILK-001", "price": "cheap"}]"#;
    let server = MockServer::start().await;
    for route in ["/products", "/inventory"] {
        Mock::given(method("GET"))
            .and(path(api(route)))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }

    match client(&server).products(&admin()).await.unwrap_err() {
        SourceError::BadResponse { reason } => {
            assert!(reason.starts_with("GET /products: item 0 is not a ProductDto: invalid type"), "{reason}");
            assert_hides_address(&server, &reason);
        }
        other => panic!("expected BadResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn no_reason_reveals_the_java_address() {
    let body = r#"{"status":504,"code":"INTERNAL_ERROR","message":"upstream","timestamp":"2026-11-20 15:00:00"}"#;
    let server = inventory_answering(ResponseTemplate::new(504).set_body_raw(body, "application/json"), 3).await;

    let error = inventory_error(&server).await;

    let SourceError::Unavailable { reason, .. } = &error else { panic!("expected Unavailable, got {error:?}") };
    assert_eq!(reason, "GET /inventory: Java answered 504 Gateway Timeout (INTERNAL_ERROR)");
    assert_hides_address(&server, &error.to_string());
}
