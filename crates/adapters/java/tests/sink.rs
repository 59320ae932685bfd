//! `POST /sales/bulk`: the body sent, Java's plain-text success and its refusals.

mod common;

use common::{admin, api, at, client, system};
use domain::{Money, NewSale, NewSaleLine, ProductId, Quantity, Sku};
use ports::{SalesSink, SinkError};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn milk(units: Quantity) -> NewSaleLine {
    NewSaleLine {
        product_id: ProductId::new(1),
        sku: Some(Sku::parse("MILK-001").expect("a valid sku")),
        quantity: units,
        unit_price: None,
    }
}

fn two_sales() -> Vec<NewSale> {
    vec![
        NewSale { at: Some(at("2026-11-20 10:00:00")), lines: vec![milk(Quantity::from_units(2))] },
        NewSale {
            at: None,
            lines: vec![NewSaleLine {
                product_id: ProductId::new(2),
                sku: None,
                quantity: Quantity::from_units(1),
                unit_price: Some(Money::from_cents(0)),
            }],
        },
    ]
}

async fn bulk_answering(template: ResponseTemplate, calls: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path(api("/sales/bulk"))).respond_with(template).expect(calls).mount(&server).await;
    server
}

#[tokio::test]
async fn the_exact_body_is_sent_and_plain_text_success_is_read() {
    let server = MockServer::start().await;
    let expected = json!([
        {"items": [{"productId": 1, "sku": "MILK-001", "quantity": 2}], "saleDate": "2026-11-20T10:00:00"},
        {"items": [{"productId": 2, "quantity": 1, "unitPrice": 0.0}]}
    ]);
    Mock::given(method("POST"))
        .and(path(api("/sales/bulk")))
        .and(header("authorization", "Bearer caller-token"))
        .and(header("content-type", "application/json"))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_raw("Bulk sales imported successfully\n", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;

    let receipt = client(&server).record(&admin(), &two_sales()).await.unwrap();

    assert_eq!(receipt.recorded, 2);
    assert_eq!(receipt.message, "Bulk sales imported successfully");
}

#[tokio::test]
async fn a_long_success_body_is_truncated() {
    let server = bulk_answering(ResponseTemplate::new(201).set_body_string("ok ".repeat(300)), 1).await;

    let receipt = client(&server).record(&admin(), &two_sales()).await.unwrap();

    assert_eq!(receipt.message.chars().count(), 200);
    assert!(receipt.message.starts_with("ok ok"));
}

#[tokio::test]
async fn insufficient_stock_is_rejected_with_javas_code() {
    let body = r#"{"status":400,"code":"INSUFFICIENT_STOCK","message":"Not enough stock for product MILK-001",
                   "timestamp":"2026-11-20 15:00:00","details":null}"#;
    let server = bulk_answering(ResponseTemplate::new(400).set_body_raw(body, "application/json"), 1).await;

    match client(&server).record(&admin(), &two_sales()).await.unwrap_err() {
        SinkError::Rejected { code, message } => {
            assert_eq!(code, "INSUFFICIENT_STOCK");
            assert_eq!(message, "Not enough stock for product MILK-001");
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_product_is_rejected_as_not_found() {
    let body = r#"{"status":404,"code":"NOT_FOUND","message":"Product with id 2 not found","timestamp":"2026-11-20 15:00:00"}"#;
    let server = bulk_answering(ResponseTemplate::new(404).set_body_raw(body, "application/json"), 1).await;

    let error = client(&server).record(&admin(), &two_sales()).await.unwrap_err();

    assert!(matches!(error, SinkError::Rejected { code, .. } if code == "NOT_FOUND"));
}

#[tokio::test]
async fn an_unreadable_error_body_is_a_bad_response() {
    let server = bulk_answering(ResponseTemplate::new(400).set_body_string("<html>Bad Request</html>"), 1).await;

    let error = client(&server).record(&admin(), &two_sales()).await.unwrap_err();

    assert!(matches!(error, SinkError::BadResponse { .. }), "{error:?}");
}

#[tokio::test]
async fn java_401_and_403_map_to_the_sink_errors() {
    let unauthorized = bulk_answering(ResponseTemplate::new(401), 1).await;
    let forbidden = bulk_answering(ResponseTemplate::new(403), 1).await;

    let first = client(&unauthorized).record(&system(), &two_sales()).await.unwrap_err();
    let second = client(&forbidden).record(&admin(), &two_sales()).await.unwrap_err();

    assert!(matches!(first, SinkError::Unauthorized), "{first:?}");
    assert!(matches!(second, SinkError::Forbidden), "{second:?}");
}

#[tokio::test]
async fn a_503_is_unavailable_and_never_retried() {
    let server = bulk_answering(ResponseTemplate::new(503).insert_header("Retry-After", "2"), 1).await;

    match client(&server).record(&admin(), &two_sales()).await.unwrap_err() {
        SinkError::Unavailable { reason, retry_after } => {
            assert_eq!(reason, "POST /sales/bulk: Java answered 503 Service Unavailable");
            assert_eq!(retry_after, Some(std::time::Duration::from_secs(2)));
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn a_fractional_quantity_is_refused_before_sending() {
    let server = bulk_answering(ResponseTemplate::new(200), 0).await;
    let mut sales = two_sales();
    sales[1].lines.push(milk(Quantity::from_milli(2_500)));

    match client(&server).record(&admin(), &sales).await.unwrap_err() {
        SinkError::Rejected { code, message } => {
            assert_eq!(code, "INVALID_QUANTITY");
            assert_eq!(message, "sale 1, line 1: quantity 2.5 is not a whole number of at least 1");
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn a_zero_quantity_is_refused_before_sending() {
    let server = bulk_answering(ResponseTemplate::new(200), 0).await;
    let sales = vec![NewSale { at: None, lines: vec![milk(Quantity::ZERO)] }];

    let error = client(&server).record(&admin(), &sales).await.unwrap_err();

    assert!(matches!(error, SinkError::Rejected { code, .. } if code == "INVALID_QUANTITY"));
}

#[tokio::test]
async fn an_empty_batch_sends_nothing() {
    let server = bulk_answering(ResponseTemplate::new(200), 0).await;

    let receipt = client(&server).record(&admin(), &[]).await.unwrap();

    assert_eq!(receipt.recorded, 0);
}

#[tokio::test]
async fn a_sale_without_lines_is_refused_before_sending() {
    let server = bulk_answering(ResponseTemplate::new(200), 0).await;
    let sales =
        vec![NewSale { at: None, lines: vec![milk(Quantity::from_units(1))] }, NewSale { at: None, lines: vec![] }];

    match client(&server).record(&admin(), &sales).await.unwrap_err() {
        SinkError::Rejected { code, message } => {
            assert_eq!((code.as_str(), message.as_str()), ("EMPTY_SALE", "sale 1 has no lines"))
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}
