//! `GET /sales/history`: the `days` window, date layouts, prices and response shapes.

mod common;

use common::{admin, api, at, client, day};
use domain::{Money, ProductId, Quantity, SaleLine, SalesLedger};
use ports::SalesSource;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Mounts `body` as the answer to `GET /sales/history?days=<days>`, expected once.
async fn history(days: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/sales/history")))
        .and(query_param("days", days))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    server
}

async fn sales_since(server: &MockServer, since: &str) -> SalesLedger {
    client(server).sales_since(&admin(), day(since)).await.expect("Java answered a readable history")
}

fn line(product: u64, units: i64, cents: i64) -> SaleLine {
    SaleLine {
        product_id: ProductId::new(product),
        quantity: Quantity::from_units(units),
        unit_price: Money::from_cents(cents),
    }
}

#[tokio::test]
async fn sales_become_a_ledger_with_lines_and_totals() {
    let body = r#"[
      {"id": 42, "saleDate": "2026-11-20T14:30:00.123456", "totalAmount": 6.2,
       "items": [
         {"productId": 1, "productName": "Milk 1L", "sku": "MILK-001", "quantity": 2, "unitPrice": 2.5, "subtotal": 5.0},
         {"productId": 2, "productName": "Baguette", "sku": "BREAD-002", "quantity": 1, "unitPrice": 1.2, "subtotal": 1.2}
       ]},
      {"id": 41, "saleDate": "2026-11-19T09:05:00", "totalAmount": 2.5,
       "items": [{"productId": 1, "productName": "Milk 1L", "sku": "MILK-001", "quantity": 1, "unitPrice": 2.5, "subtotal": 2.5}]}
    ]"#;
    let server = history("8", body).await;

    let ledger = sales_since(&server, "2026-11-13").await;

    let sales: Vec<_> = ledger.iter().collect();
    assert_eq!(sales.len(), 2);
    assert_eq!(sales[0].header.id.get(), 42);
    assert_eq!(sales[0].header.at, at("2026-11-20 14:30:00.123456"));
    assert_eq!(sales[0].header.total, Money::from_cents(620));
    assert_eq!(sales[0].lines, [line(1, 2, 250), line(2, 1, 120)]);
    assert_eq!(sales[1].header.at, at("2026-11-19 09:05:00"));
    assert_eq!(sales[1].lines, [line(1, 1, 250)]);
}

#[tokio::test]
async fn days_covers_the_window_plus_one_day_and_earlier_sales_are_dropped() {
    // today is 2026-11-20: since 2026-11-18 → days=3; Java's window may start on the 17th.
    let body = r#"[
      {"id": 3, "saleDate": "2026-11-18T00:00:00", "totalAmount": 1.0, "items": []},
      {"id": 2, "saleDate": "2026-11-17T23:59:59.999", "totalAmount": 1.0, "items": []},
      {"id": 1, "saleDate": "2026-11-17", "totalAmount": 1.0, "items": []}
    ]"#;
    let server = history("3", body).await;

    let ledger = sales_since(&server, "2026-11-18").await;

    let ids: Vec<u64> = ledger.iter().map(|s| s.header.id.get()).collect();
    assert_eq!(ids, [3]);
}

#[tokio::test]
async fn every_date_layout_is_read_and_zoned_ones_become_shop_local() {
    let body = r#"[
      {"id": 1, "saleDate": "2026-11-19 08:00:00", "totalAmount": 1, "items": []},
      {"id": 2, "saleDate": "2026-11-19", "totalAmount": 1, "items": []},
      {"id": 3, "saleDate": "2026-11-19T23:30:00Z", "totalAmount": 1, "items": []},
      {"id": 4, "saleDate": "2026-11-19T10:00:00+03:00", "totalAmount": 1, "items": []},
      {"id": 5, "saleDate": "19/11/2026 10:00", "totalAmount": 1, "items": []},
      {"id": 6, "saleDate": null, "totalAmount": 1, "items": []},
      {"id": 7, "saleDate": [2026, 11, 19, 10, 0], "totalAmount": 1, "items": []}
    ]"#;
    let server = history("2", body).await;

    let ledger = sales_since(&server, "2026-11-19").await;

    let got: Vec<(u64, _)> = ledger.iter().map(|s| (s.header.id.get(), s.header.at)).collect();
    assert_eq!(
        got,
        [
            (1, at("2026-11-19 08:00:00")),
            (2, at("2026-11-19 00:00:00")),
            // Paris is UTC+1 in November: 23:30Z is already the next day in the shop.
            (3, at("2026-11-20 00:30:00")),
            (4, at("2026-11-19 08:00:00")),
        ],
        "unreadable dates (5, 6, 7) are skipped"
    );
}

#[tokio::test]
async fn a_zero_unit_price_is_honoured_and_missing_prices_are_derived() {
    let body = r#"[{"id": 9, "saleDate": "2026-11-20T10:00:00", "totalAmount": null, "items": [
      {"productId": 1, "productName": "Milk 1L", "sku": "MILK-001", "quantity": 2, "unitPrice": 0, "subtotal": 0},
      {"productId": 2, "productName": "Baguette", "sku": "BREAD-002", "quantity": 2.5, "unitPrice": null, "subtotal": 3.0},
      {"productId": 3, "productName": "Water", "sku": "WATER-005", "quantity": 1, "unitPrice": null, "subtotal": null},
      {"productId": null, "productName": "Deleted", "sku": "GONE-1", "quantity": 1, "unitPrice": 4, "subtotal": 4}
    ]}]"#;
    let server = history("1", body).await;

    let ledger = sales_since(&server, "2026-11-20").await;

    let sale = ledger.iter().next().unwrap();
    assert_eq!(sale.lines.len(), 3, "the item without productId is skipped");
    assert_eq!(sale.lines[0].unit_price, Money::ZERO, "0 is a price, not a missing one");
    assert_eq!(sale.lines[1].quantity, Quantity::from_milli(2_500), "a float quantity is kept");
    assert_eq!(sale.lines[1].unit_price, Money::from_cents(120), "subtotal / quantity");
    assert_eq!(sale.lines[2].unit_price, Money::ZERO, "nothing to derive a price from");
    assert_eq!(sale.header.total, Money::from_cents(300), "null totalAmount is the sum of subtotals");
}

#[tokio::test]
async fn a_sales_envelope_is_unwrapped() {
    let body =
        r#"{"count": 1, "sales": [{"id": 5, "saleDate": "2026-11-20T09:00:00", "totalAmount": 2.5, "items": []}]}"#;
    let server = history("1", body).await;

    let ledger = sales_since(&server, "2026-11-20").await;

    assert_eq!(ledger.iter().map(|s| s.header.id.get()).collect::<Vec<_>>(), [5]);
}

#[tokio::test]
async fn a_data_envelope_is_unwrapped() {
    let body = r#"{"data": [{"id": 6, "saleDate": "2026-11-20T09:00:00", "totalAmount": 2.5, "items": []}],
                   "content": [{"id": 7, "saleDate": "2026-11-20T09:00:00", "totalAmount": 2.5, "items": []}]}"#;
    let server = history("1", body).await;

    let ledger = sales_since(&server, "2026-11-20").await;

    assert_eq!(ledger.iter().map(|s| s.header.id.get()).collect::<Vec<_>>(), [6]);
}

#[tokio::test]
async fn a_single_sale_object_is_wrapped_in_a_list() {
    let body = r#"{"id": 8, "saleDate": "2026-11-20T09:00:00", "totalAmount": 2.5,
                   "items": [{"productId": 1, "quantity": 1, "unitPrice": 2.5, "subtotal": 2.5}]}"#;
    let server = history("1", body).await;

    let ledger = sales_since(&server, "2026-11-20").await;

    assert_eq!((ledger.len(), ledger.line_count()), (1, 1));
    assert_eq!(ledger.iter().next().unwrap().header.id.get(), 8);
}

#[tokio::test]
async fn a_window_starting_in_the_future_still_asks_for_one_day() {
    let server = history("1", "[]").await;

    let ledger = sales_since(&server, "2026-12-01").await;

    assert!(ledger.is_empty());
}
