//! Stored XSS probe: markup planted in product names (through the data source) and in an alert
//! is shown as text on every page and never runs.

use std::sync::Arc;

use app::AlertDraft;
use async_trait::async_trait;
use chrono::NaiveDate;
use domain::alert::AlertSource;
use domain::{InventoryItem, Principal, Product, SalesLedger, Severity, Sku};
use ports::{DailyUnits, SalesSource, SourceError};
use testkit::TestApp;

use super::{DESKTOP, LOCK, assert_clean_console, browser, main_text, open, warm};

const PROBE: &str = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

/// The fake shop with every product name poisoned.
struct Poisoned(Arc<dyn SalesSource>);

fn poison(name: &str) -> String {
    format!("{PROBE}{name}")
}

#[async_trait]
impl SalesSource for Poisoned {
    async fn products(&self, caller: &Principal) -> Result<Vec<Product>, SourceError> {
        let products = self.0.products(caller).await?;
        Ok(products
            .into_iter()
            .map(|p| {
                let mut q = Product::new(p.id(), p.sku().clone(), poison(p.name()), p.price())
                    .with_category(p.category().clone())
                    .with_stock(p.stock())
                    .with_low_stock_threshold(p.low_stock_threshold());
                if let Some(cost) = p.cost() {
                    q = q.with_cost(cost);
                }
                q
            })
            .collect())
    }

    async fn sales_since(&self, caller: &Principal, since: NaiveDate) -> Result<SalesLedger, SourceError> {
        self.0.sales_since(caller, since).await
    }

    async fn product_daily_units(
        &self,
        caller: &Principal,
        sku: &Sku,
        since: NaiveDate,
    ) -> Result<Vec<DailyUnits>, SourceError> {
        self.0.product_daily_units(caller, sku, since).await
    }

    async fn inventory(&self, caller: &Principal) -> Result<Vec<InventoryItem>, SourceError> {
        let items = self.0.inventory(caller).await?;
        Ok(items.into_iter().map(|i| InventoryItem { name: poison(&i.name), ..i }).collect())
    }
}

async fn assert_inert(b: &testkit::browser::Browser, page: &str) {
    let state = b
        .execute(
            "return {xss: window.__xss ?? null, imgs: document.querySelectorAll('main img').length,
                     scripts: document.querySelectorAll('body script').length};",
            vec![],
        )
        .await
        .expect("page state");
    assert_eq!(state["xss"], serde_json::Value::Null, "{page}: the probe ran");
    assert_eq!(state["imgs"], 0, "{page}: markup was parsed");
    assert_eq!(state["scripts"], 0, "{page}: a script element was injected");
    assert!(main_text(b).await.contains("<img src=x onerror="), "{page}: the probe is shown as text");
}

#[tokio::test]
async fn markup_in_product_names_and_alerts_is_shown_as_text_and_never_runs() {
    let _one = LOCK.lock().await;
    let app = TestApp::builder()
        .with_adapters(|adapters, _| adapters.sales_source = Arc::new(Poisoned(adapters.sales_source.clone())))
        .spawn()
        .await;
    warm(&app).await;
    app.state
        .alerts
        .raise(AlertDraft {
            source: AlertSource::Stock,
            kind: "LOW_STOCK".into(),
            severity: Severity::Critical,
            scope: "PRODUCT".into(),
            product_id: None,
            date: None,
            title: format!("{PROBE} title"),
            message: format!("{PROBE} message"),
        })
        .await
        .unwrap();
    let b = browser(DESKTOP).await;
    for (path, page) in [("/", "overview"), ("/sales", "sales"), ("/stock", "stock"), ("/alerts", "alerts")] {
        open(&b, &app, path, page).await;
        assert_inert(&b, page).await;
    }
    // The product picker of the forecast page holds the names too (option text, not markup).
    open(&b, &app, "/forecast", "forecast").await;
    let option =
        b.execute("return document.querySelector('main select').options[1].textContent;", vec![]).await.unwrap();
    assert!(option.as_str().unwrap().starts_with(PROBE), "{option}");
    let xss = b.execute("return window.__xss ?? null;", vec![]).await.unwrap();
    assert_eq!(xss, serde_json::Value::Null);
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
