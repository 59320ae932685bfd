//! The fake shop as an adapter: `SalesSource`, `SalesSink` and `HealthProbe`.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
use domain::{
    InventoryItem, Money, NewSale, Principal, Product, ProductId, Quantity, SaleId, SaleLine, SalesLedger, Sku,
};
use ports::{Clock, DailyUnits, HealthProbe, ProbeError, SalesSink, SalesSource, SinkError, SinkReceipt, SourceError};

use crate::events::ShopEvents;
use crate::generate::{FakeShopConfig, Generated};
use crate::upstream_mock;

/// Which data the fake serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// The generated shop.
    Shop(FakeShopConfig),
    /// SalesFlow-Lite's own three-product mock set, for golden tests (reference §8.3).
    UpstreamMock,
}

/// The data for one "today"; rebuilt when the shop's date changes.
#[derive(Debug)]
struct Snapshot {
    today: NaiveDate,
    products: Vec<Product>,
    ledger: Arc<SalesLedger>,
    events: ShopEvents,
}

/// A deterministic in-process stand-in for the Java system of record.
///
/// Sales recorded through `SalesSink` are appended to the history and taken off the products'
/// stock, as Java would, so a DEV import shows up in the analytics right away.
pub struct FakeShop {
    dataset: Dataset,
    clock: Arc<dyn Clock>,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    recorded: Mutex<Vec<(NaiveDateTime, NewSale)>>,
}

impl std::fmt::Debug for FakeShop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeShop").field("dataset", &self.dataset).finish_non_exhaustive()
    }
}

impl FakeShop {
    #[must_use]
    pub fn new(dataset: Dataset, clock: Arc<dyn Clock>) -> Self {
        Self { dataset, clock, snapshot: RwLock::new(None), recorded: Mutex::new(Vec::new()) }
    }

    /// The catalogue as of today (recorded sales already deducted from stock).
    #[must_use]
    pub fn catalogue(&self) -> Vec<Product> {
        self.snapshot().products.clone()
    }

    /// The whole sales history as of today.
    #[must_use]
    pub fn history(&self) -> Arc<SalesLedger> {
        Arc::clone(&self.snapshot().ledger)
    }

    /// The anomalies, stock-outs and closed days the generator put into the history.
    #[must_use]
    pub fn events(&self) -> ShopEvents {
        self.snapshot().events.clone()
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        let today = self.clock.today();
        if let Some(current) = self.snapshot.read().unwrap_or_else(PoisonError::into_inner).as_ref()
            && current.today == today
        {
            return Arc::clone(current);
        }
        let mut slot = self.snapshot.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = slot.as_ref().filter(|s| s.today == today) {
            return Arc::clone(current);
        }
        let fresh = Arc::new(self.build(today));
        *slot = Some(Arc::clone(&fresh));
        fresh
    }

    fn build(&self, today: NaiveDate) -> Snapshot {
        let started = std::time::Instant::now();
        let Generated { mut products, ledger, events } = match &self.dataset {
            Dataset::Shop(config) => crate::generate::generate(config, today),
            Dataset::UpstreamMock => upstream_mock::generated(self.clock.now_local()),
        };
        let recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let ledger = apply_recorded(ledger, &recorded, &mut products);
        tracing::debug!(%today, sales = ledger.len(), lines = ledger.line_count(), elapsed_ms = started.elapsed().as_millis() as u64, "fake shop generated");
        Snapshot { today, products, ledger: Arc::new(ledger), events }
    }
}

/// Appends recorded sales after the generated ones and deducts their quantities from stock.
fn apply_recorded(ledger: SalesLedger, recorded: &[(NaiveDateTime, NewSale)], products: &mut [Product]) -> SalesLedger {
    if recorded.is_empty() {
        return ledger;
    }
    let mut next_id = ledger.iter().map(|s| s.header.id.get()).max().unwrap_or(0) + 1;
    let mut builder = domain::SalesLedger::builder();
    for sale in ledger.iter() {
        let _ = builder.push(sale.header.id, sale.header.at, sale.header.total, sale.lines.iter().copied());
    }
    for (at, sale) in recorded {
        let mut lines = Vec::with_capacity(sale.lines.len());
        for line in &sale.lines {
            let Some(product) = products.iter_mut().find(|p| p.id() == line.product_id) else { continue };
            let unit_price = line.unit_price.unwrap_or_else(|| product.price());
            *product = product.clone().with_stock(product.stock() - line.quantity);
            lines.push(SaleLine { product_id: line.product_id, quantity: line.quantity, unit_price });
        }
        let total: Money = lines.iter().map(SaleLine::subtotal).sum();
        let _ = builder.push(SaleId::new(next_id), sale.at.unwrap_or(*at), total, lines);
        next_id += 1;
    }
    builder.build()
}

#[async_trait]
impl SalesSource for FakeShop {
    async fn products(&self, _caller: &Principal) -> Result<Vec<Product>, SourceError> {
        Ok(self.snapshot().products.clone())
    }

    async fn sales_since(&self, _caller: &Principal, since: NaiveDate) -> Result<SalesLedger, SourceError> {
        let from = since.and_hms_opt(0, 0, 0).unwrap_or_default();
        Ok(self.snapshot().ledger.between(from, NaiveDateTime::MAX))
    }

    async fn product_daily_units(
        &self,
        _caller: &Principal,
        sku: &Sku,
        since: NaiveDate,
    ) -> Result<Vec<DailyUnits>, SourceError> {
        let snapshot = self.snapshot();
        let product = snapshot
            .products
            .iter()
            .find(|p| p.sku() == sku)
            .ok_or_else(|| SourceError::NotFound { what: format!("product with sku {sku}") })?;
        if self.dataset == Dataset::UpstreamMock {
            return Ok(upstream_mock::ml_series(sku, snapshot.today));
        }
        Ok(daily_units(&snapshot.ledger, product.id(), since))
    }

    async fn inventory(&self, _caller: &Principal) -> Result<Vec<InventoryItem>, SourceError> {
        Ok(self.snapshot().products.iter().map(inventory_item).collect())
    }
}

/// Units of `product` per day on or after `since`, ascending, days without sales omitted.
fn daily_units(ledger: &SalesLedger, product: ProductId, since: NaiveDate) -> Vec<DailyUnits> {
    let mut by_day = std::collections::BTreeMap::<NaiveDate, Quantity>::new();
    for sale in ledger.iter().filter(|s| s.header.at.date() >= since) {
        for line in sale.lines.iter().filter(|l| l.product_id == product) {
            *by_day.entry(sale.header.at.date()).or_default() += line.quantity;
        }
    }
    by_day.into_iter().map(|(date, quantity)| DailyUnits { date, quantity }).collect()
}

fn inventory_item(p: &Product) -> InventoryItem {
    InventoryItem {
        id: p.id().get(),
        sku: p.sku().clone(),
        name: p.name().to_owned(),
        quantity: p.stock(),
        price: p.price(),
        cost: p.cost().unwrap_or(Money::ZERO),
        category: p.category().clone(),
    }
}

#[async_trait]
impl SalesSink for FakeShop {
    async fn record(&self, _caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError> {
        let snapshot = self.snapshot();
        // All or nothing, like Java's @Transactional bulk insert, including its stock check.
        let mut needed = std::collections::HashMap::<ProductId, Quantity>::new();
        for line in sales.iter().flat_map(|s| &s.lines) {
            *needed.entry(line.product_id).or_default() += line.quantity;
        }
        for (id, quantity) in &needed {
            let product = snapshot.products.iter().find(|p| p.id() == *id).ok_or_else(|| SinkError::Rejected {
                code: "NOT_FOUND".into(),
                message: format!("Product with id {id} not found"),
            })?;
            if product.stock() < *quantity {
                return Err(SinkError::Rejected {
                    code: "INSUFFICIENT_STOCK".into(),
                    message: format!("Not enough stock for product {}", product.sku()),
                });
            }
        }
        let now = self.clock.now_local();
        self.recorded.lock().unwrap_or_else(PoisonError::into_inner).extend(sales.iter().map(|s| (now, s.clone())));
        *self.snapshot.write().unwrap_or_else(PoisonError::into_inner) = None;
        Ok(SinkReceipt { recorded: sales.len(), message: "Bulk sales imported successfully".into() })
    }
}

#[async_trait]
impl HealthProbe for FakeShop {
    async fn check(&self) -> Result<(), ProbeError> {
        Ok(())
    }
}
