//! `GET /products` joined with `GET /inventory`, and bearer forwarding.

mod common;

use common::{admin, api, client, client_with, config, system};
use domain::{Money, Quantity};
use ports::SalesSource;
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PRODUCTS: &str = r#"[
  {"id": 1, "name": "Milk 1L", "sku": "MILK-001", "price": 2.50, "stockQuantity": 40,
   "description": "Whole milk", "imageUrl": null, "lowStockThreshold": 15},
  {"id": 2, "name": "Baguette", "sku": "BREAD-002", "price": 1.20, "stockQuantity": 3,
   "description": null, "imageUrl": "https://img/b.png"},
  {"id": 3, "name": "No sku", "sku": "   ", "price": 9.99, "stockQuantity": 1, "lowStockThreshold": 5},
  {"id": 4, "name": "Null sku", "sku": null, "price": 9.99, "stockQuantity": 1, "lowStockThreshold": 5},
  {"id": 5, "name": "Water", "sku": "WATER-005", "price": 0.80, "lowStockThreshold": null}
]"#;

const INVENTORY: &str = r#"[
  {"id": 11, "sku": "MILK-001", "name": "Milk 1L", "description": null, "quantity": 40, "price": 2.50,
   "cost": 1.75, "category": "Dairy", "createdAt": "2026-01-02T08:00:00Z", "updatedAt": "2026-11-19T17:45:12.345Z"},
  {"id": 12, "sku": "BREAD-002", "name": "Baguette", "description": "Fresh", "quantity": 3, "price": 1.20,
   "cost": null, "category": "Bakery", "createdAt": "2026-01-02T08:00:00Z", "updatedAt": "2026-11-19T17:45:12Z"}
]"#;

async fn mount(server: &MockServer, route: &str, template: ResponseTemplate) {
    Mock::given(method("GET")).and(path(api(route))).respond_with(template).mount(server).await;
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

#[tokio::test]
async fn products_are_joined_with_inventory_categories_and_costs() {
    let server = MockServer::start().await;
    mount(&server, "/products", json(PRODUCTS)).await;
    mount(&server, "/inventory", json(INVENTORY)).await;

    let products = client(&server).products(&admin()).await.unwrap();

    let skus: Vec<&str> = products.iter().map(|p| p.sku().as_str()).collect();
    assert_eq!(skus, ["MILK-001", "BREAD-002", "WATER-005"], "blank and null skus are skipped");
    let milk = &products[0];
    assert_eq!((milk.id().get(), milk.name()), (1, "Milk 1L"));
    assert_eq!(milk.price(), Money::from_cents(250));
    assert_eq!(milk.stock(), Quantity::from_units(40));
    assert_eq!(milk.low_stock_threshold(), Quantity::from_units(15));
    assert_eq!(milk.category().as_str(), "Dairy");
    assert_eq!(milk.cost(), Some(Money::from_cents(175)));
    let bread = &products[1];
    assert_eq!(bread.category().as_str(), "Bakery");
    assert_eq!(bread.cost(), None, "a null inventory cost is unknown, not zero");
    assert_eq!(bread.low_stock_threshold(), Quantity::from_units(10), "Java's default threshold");
    let water = &products[2];
    assert_eq!(water.stock(), Quantity::ZERO, "missing stockQuantity is 0");
    assert_eq!(water.low_stock_threshold(), Quantity::from_units(10), "null threshold is Java's default");
    assert_eq!(water.category().as_str(), "Uncategorized", "no inventory row");
}

#[tokio::test]
async fn products_survive_an_inventory_failure_uncategorised() {
    let server = MockServer::start().await;
    mount(&server, "/products", json(PRODUCTS)).await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .respond_with(ResponseTemplate::new(500))
        .expect(3)
        .mount(&server)
        .await;

    let products = client(&server).products(&admin()).await.unwrap();

    assert_eq!(products.len(), 3);
    assert!(products.iter().all(|p| p.category().as_str() == "Uncategorized" && p.cost().is_none()));
}

#[tokio::test]
async fn products_survive_an_unreadable_inventory() {
    let server = MockServer::start().await;
    mount(&server, "/products", json(PRODUCTS)).await;
    mount(&server, "/inventory", json("<html>oops</html>")).await;

    let products = client(&server).products(&admin()).await.unwrap();

    assert_eq!(products.len(), 3);
    assert_eq!(products[0].category().as_str(), "Uncategorized");
}

#[tokio::test]
async fn the_callers_own_token_is_forwarded() {
    let server = MockServer::start().await;
    for route in ["/products", "/inventory"] {
        Mock::given(method("GET"))
            .and(path(api(route)))
            .and(header("authorization", "Bearer caller-token"))
            .respond_with(json("[]"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let mut with_system_token = config(format!("{}{}", server.uri(), common::API));
    with_system_token.system_token = Some("system-token".to_owned());

    let products = client_with(with_system_token).products(&admin()).await.unwrap();

    assert!(products.is_empty());
}

#[tokio::test]
async fn the_system_token_is_used_when_the_caller_has_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .and(header("authorization", "Bearer system-token"))
        .respond_with(json(INVENTORY))
        .expect(1)
        .mount(&server)
        .await;
    let mut with_system_token = config(format!("{}{}", server.uri(), common::API));
    with_system_token.system_token = Some("system-token".to_owned());

    let items = client_with(with_system_token).inventory(&system()).await.unwrap();

    assert_eq!(items.len(), 2);
}

#[tokio::test]
async fn no_authorization_header_without_any_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(401))
        .expect(0)
        .mount(&server)
        .await;
    mount(&server, "/inventory", json("[]")).await;

    let items = client(&server).inventory(&system()).await.unwrap();

    assert!(items.is_empty());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].headers.get("authorization").is_none());
    let agent = requests[0].headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(agent.starts_with("salesflow/"), "{agent}");
}
