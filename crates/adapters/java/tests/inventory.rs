//! `GET /inventory` and `GET /sales/history/by-sku/{sku}`.

mod common;

use common::{admin, api, client, day};
use domain::{Money, Quantity, Sku};
use ports::{SalesSource, SourceError};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

#[tokio::test]
async fn inventory_rows_become_items_with_defaults_for_nulls() {
    let server = MockServer::start().await;
    let body = r#"[
      {"id": 11, "sku": "MILK-001", "name": "Milk 1L", "description": null, "quantity": 40, "price": 2.50,
       "cost": 1.75, "category": "Dairy", "createdAt": "2026-01-02T08:00:00Z", "updatedAt": "2026-11-19T17:45:12Z"},
      {"id": 12, "sku": "BREAD-002", "name": "Baguette", "description": "Fresh", "quantity": 3, "price": 1.20,
       "cost": null, "category": null, "createdAt": "2026-01-02T08:00:00Z", "updatedAt": "2026-11-19T17:45:12Z"},
      {"id": 13, "sku": "", "name": "Ghost", "quantity": 1, "price": 1, "cost": 1, "category": "X",
       "createdAt": "2026-01-02T08:00:00Z", "updatedAt": "2026-11-19T17:45:12Z"}
    ]"#;
    Mock::given(method("GET")).and(path(api("/inventory"))).respond_with(json(body)).mount(&server).await;

    let items = client(&server).inventory(&admin()).await.unwrap();

    assert_eq!(items.len(), 2, "the row without a sku is skipped");
    let milk = &items[0];
    assert_eq!((milk.id, milk.sku.as_str(), milk.name.as_str()), (11, "MILK-001", "Milk 1L"));
    assert_eq!(
        (milk.quantity, milk.price, milk.cost),
        (Quantity::from_units(40), Money::from_cents(250), Money::from_cents(175))
    );
    assert_eq!(milk.category.as_str(), "Dairy");
    let bread = &items[1];
    assert_eq!(bread.cost, Money::ZERO);
    assert_eq!(bread.category.as_str(), "Uncategorized");
}

#[tokio::test]
async fn daily_units_are_ascending_and_start_at_since() {
    let server = MockServer::start().await;
    // Java's window is a day wider than asked for; the adapter trims it.
    let body = r#"[{"date": "2026-11-20", "quantity": 4}, {"date": "2026-11-12", "quantity": 9},
                   {"date": "2026-11-13", "quantity": 2}, {"date": "2026-11-18", "quantity": 7}]"#;
    Mock::given(method("GET"))
        .and(path(api("/sales/history/by-sku/MILK-001")))
        .and(query_param("days", "8"))
        .respond_with(json(body))
        .expect(1)
        .mount(&server)
        .await;
    let sku = Sku::parse("MILK-001").unwrap();

    let units = client(&server).product_daily_units(&admin(), &sku, day("2026-11-13")).await.unwrap();

    let got: Vec<(String, Quantity)> = units.iter().map(|u| (u.date.to_string(), u.quantity)).collect();
    assert_eq!(
        got,
        [
            ("2026-11-13".to_owned(), Quantity::from_units(2)),
            ("2026-11-18".to_owned(), Quantity::from_units(7)),
            ("2026-11-20".to_owned(), Quantity::from_units(4)),
        ]
    );
}

#[tokio::test]
async fn the_sku_is_percent_encoded_as_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/sales/history/by-sku/CAF%C3%89%2F250%20G")))
        .respond_with(json(r#"{"data": [{"date": "2026-11-19", "quantity": 1}]}"#))
        .expect(1)
        .mount(&server)
        .await;
    let sku = Sku::parse("CAFÉ/250 G").unwrap();

    let units = client(&server).product_daily_units(&admin(), &sku, day("2026-11-01")).await.unwrap();

    assert_eq!(units.len(), 1);
    assert_eq!(units[0].date, day("2026-11-19"));
}

#[tokio::test]
async fn an_unknown_sku_is_not_found() {
    let server = MockServer::start().await;
    let body = r#"{"status":404,"code":"NOT_FOUND","message":"Product with sku NOPE not found",
                   "timestamp":"2026-11-20 15:00:00","details":null}"#;
    Mock::given(method("GET"))
        .and(path(api("/sales/history/by-sku/NOPE")))
        .respond_with(ResponseTemplate::new(404).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let sku = Sku::parse("NOPE").unwrap();

    let error = client(&server).product_daily_units(&admin(), &sku, day("2026-11-01")).await.unwrap_err();

    match error {
        SourceError::NotFound { what } => assert_eq!(what, "product with sku NOPE"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dot_sku_is_not_found_without_hitting_another_route() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(json("[]")).expect(0).mount(&server).await;
    let sku = Sku::parse("..").unwrap();

    let error = client(&server).product_daily_units(&admin(), &sku, day("2026-11-01")).await.unwrap_err();

    assert!(matches!(error, SourceError::NotFound { what } if what == "product with sku .."));
}
