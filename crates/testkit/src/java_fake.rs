//! A stand-in for the Java service, speaking its REST contract (reference §9) over the fake
//! shop's data: for load tests, demos of PROD mode, and end-to-end tests of the Java adapter.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use actix_web::{HttpResponse, web};
use adapter_fake::FakeShop;
use chrono::{Days, NaiveDate};
use domain::{Product, SalesLedger};
use ports::Clock;
use serde::Deserialize;
use serde_json::{Value, json};

/// Shared state of the fake: the shop and pre-rendered sales histories by `days`.
pub struct JavaFake {
    shop: Arc<FakeShop>,
    clock: Arc<dyn Clock>,
    rendered: Mutex<HashMap<(NaiveDate, u32), Arc<String>>>,
}

impl std::fmt::Debug for JavaFake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JavaFake").finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct DaysQuery {
    days: Option<u32>,
}

fn product_json(p: &Product) -> Value {
    json!({
        "id": p.id().get(), "name": p.name(), "sku": p.sku().as_str(), "price": p.price().to_f64(),
        "stockQuantity": p.stock().to_f64() as i64, "description": null, "imageUrl": "",
        "lowStockThreshold": p.low_stock_threshold().to_f64() as i64,
    })
}

fn sales_json(ledger: &SalesLedger, products: &[Product], since: NaiveDate) -> String {
    let names: HashMap<u64, (&str, &str)> =
        products.iter().map(|p| (p.id().get(), (p.name(), p.sku().as_str()))).collect();
    // Java answers newest first.
    let sales: Vec<Value> = ledger
        .iter()
        .filter(|s| s.header.at.date() >= since)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|s| {
            let items: Vec<Value> = s
                .lines
                .iter()
                .map(|l| {
                    let (name, sku) = names.get(&l.product_id.get()).copied().unwrap_or(("?", "?"));
                    json!({"productId": l.product_id.get(), "productName": name, "sku": sku,
                        "quantity": l.quantity.to_f64() as i64, "unitPrice": l.unit_price.to_f64(), "subtotal": l.subtotal().to_f64()})
                })
                .collect();
            json!({"id": s.header.id.get(), "saleDate": s.header.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "totalAmount": s.header.total.to_f64(), "items": items})
        })
        .collect();
    serde_json::to_string(&sales).unwrap_or_else(|_| "[]".into())
}

impl JavaFake {
    #[must_use]
    pub fn new(shop: Arc<FakeShop>, clock: Arc<dyn Clock>) -> Self {
        Self { shop, clock, rendered: Mutex::new(HashMap::new()) }
    }

    fn since(&self, days: Option<u32>) -> NaiveDate {
        // Java: saleDate ≥ start of (today − days), default 90.
        self.clock.today() - Days::new(u64::from(days.unwrap_or(90)))
    }

    fn history(&self, days: Option<u32>) -> Arc<String> {
        let key = (self.clock.today(), days.unwrap_or(90));
        let mut rendered = self.rendered.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            rendered.entry(key).or_insert_with(|| {
                Arc::new(sales_json(&self.shop.history(), &self.shop.catalogue(), self.since(days)))
            }),
        )
    }
}

async fn products(fake: web::Data<JavaFake>) -> HttpResponse {
    HttpResponse::Ok().json(fake.shop.catalogue().iter().map(product_json).collect::<Vec<_>>())
}

async fn inventory(fake: web::Data<JavaFake>) -> HttpResponse {
    let items: Vec<Value> = fake
        .shop
        .catalogue()
        .iter()
        .map(|p| {
            json!({"id": p.id().get(), "sku": p.sku().as_str(), "name": p.name(), "description": null,
                "quantity": p.stock().to_f64() as i64, "price": p.price().to_f64(),
                "cost": p.cost().map_or(0.0, domain::Money::to_f64), "category": p.category().as_str(),
                "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"})
        })
        .collect();
    HttpResponse::Ok().json(items)
}

async fn history(fake: web::Data<JavaFake>, query: web::Query<DaysQuery>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(fake.history(query.days).as_ref().clone())
}

async fn history_by_sku(
    fake: web::Data<JavaFake>,
    sku: web::Path<String>,
    query: web::Query<DaysQuery>,
) -> HttpResponse {
    let catalogue = fake.shop.catalogue();
    let Some(product) = catalogue.iter().find(|p| p.sku().as_str() == sku.as_str()) else {
        return HttpResponse::NotFound().json(json!({"status": 404, "code": "NOT_FOUND", "message": format!("Product with sku {sku} not found"), "timestamp": "2026-01-01 00:00:00", "details": null}));
    };
    let since = fake.since(query.days);
    let mut by_day: std::collections::BTreeMap<NaiveDate, f64> = std::collections::BTreeMap::new();
    for sale in fake.shop.history().iter().filter(|s| s.header.at.date() >= since) {
        for line in sale.lines.iter().filter(|l| l.product_id == product.id()) {
            *by_day.entry(sale.header.at.date()).or_default() += line.quantity.to_f64();
        }
    }
    let rows: Vec<Value> =
        by_day.into_iter().map(|(d, q)| json!({"date": d.to_string(), "quantity": q as i64})).collect();
    HttpResponse::Ok().json(rows)
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "UP"}))
}

/// Registers the fake's routes under `/api/v1` and `/actuator/health`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/products", web::get().to(products))
        .route("/api/v1/inventory", web::get().to(inventory))
        .route("/api/v1/sales/history", web::get().to(history))
        .route("/api/v1/sales/history/by-sku/{sku}", web::get().to(history_by_sku))
        .route("/actuator/health", web::get().to(health));
}

/// Serves a [`JavaFake`] on a free local port; returns its base URL (`http://127.0.0.1:<port>`).
///
/// # Panics
/// When no local port can be bound.
pub async fn spawn(fake: JavaFake) -> (String, actix_web::dev::ServerHandle) {
    let fake = web::Data::new(fake);
    let server = actix_web::HttpServer::new(move || actix_web::App::new().app_data(fake.clone()).configure(configure))
        .workers(1)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .expect("bind the Java fake");
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    tokio::spawn(server);
    (format!("http://{address}"), handle)
}
