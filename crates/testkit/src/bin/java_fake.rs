//! `salesflow-java-fake`: serves the fake shop through the Java service's REST contract, for
//! load tests and for running the gateway in PROD-like mode without a Java service.
//!
//! Environment: `PORT` (8080), `FAKE_SEED` (42), `FAKE_PRODUCTS` (60), `FAKE_DAYS` (420),
//! `FAKE_SALE_LINES` (natural size). The gateway then runs with
//! `JAVA_API_URL=http://127.0.0.1:8080/api/v1`.

use std::sync::Arc;

use actix_web::{App, HttpServer, web};
use adapter_fake::{Dataset, FakeShop, FakeShopConfig};
use adapter_system::SystemClock;
use testkit::java_fake::{JavaFake, configure};

fn var<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let config = FakeShopConfig {
        seed: var("FAKE_SEED", 42),
        products: var("FAKE_PRODUCTS", 60),
        days: var("FAKE_DAYS", 420),
        sale_lines: std::env::var("FAKE_SALE_LINES").ok().and_then(|v| v.parse().ok()),
    };
    let clock = Arc::new(SystemClock::new(chrono_tz::UTC));
    let shop = Arc::new(FakeShop::new(Dataset::Shop(config), clock.clone()));
    let sales = shop.history().len();
    let fake = web::Data::new(JavaFake::new(shop, clock));
    let port: u16 = var("PORT", 8080);
    eprintln!("salesflow-java-fake: {sales} sales on http://127.0.0.1:{port}/api/v1");
    HttpServer::new(move || App::new().app_data(fake.clone()).configure(configure))
        .bind(("127.0.0.1", port))?
        .run()
        .await
}
