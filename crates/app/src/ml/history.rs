//! Daily series for the ML pipelines: the whole shop or one product, units or revenue, complete
//! days only (today is still running), zero-filled.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use domain::{Principal, Product, SalesLedger};
use serde::{Deserialize, Serialize};

use super::{MlError, MlService, ProductRef};

/// The whole shop, or one product.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scope {
    #[default]
    Global,
    Product,
}

/// Units sold, or revenue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    #[default]
    Units,
    Revenue,
}

/// How a request names a product (reference §2.4 order: sku, then name, then id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductSelector {
    pub sku: Option<String>,
    pub name: Option<String>,
    pub product_id: Option<u64>,
}

/// Values per day from `start`, and which days the shop is always closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailySeries {
    pub start: NaiveDate,
    pub values: Vec<f64>,
    pub closed: Vec<bool>,
}

impl DailySeries {
    #[must_use]
    pub fn end(&self) -> NaiveDate {
        self.start + Days::new(self.values.len().saturating_sub(1) as u64)
    }

    #[must_use]
    pub fn date(&self, index: usize) -> NaiveDate {
        self.start + Days::new(index as u64)
    }
}

impl MlService {
    pub(super) fn closed(&self, day: NaiveDate) -> bool {
        self.config.calendar.is_closed(day)
    }

    /// The product `selector` names, from the catalogue.
    pub(super) async fn resolve(&self, caller: &Principal, selector: &ProductSelector) -> Result<Product, MlError> {
        let products = self.source.products(caller).await?;
        let by = |pred: &dyn Fn(&Product) -> bool| products.iter().find(|p| pred(p)).cloned();
        let found = match (selector.sku.as_deref(), selector.name.as_deref(), selector.product_id) {
            (Some(sku), _, _) => by(&|p| p.sku().as_str().eq_ignore_ascii_case(sku.trim()))
                .ok_or_else(|| format!("no product with sku {sku}")),
            (None, Some(name), _) => {
                by(&|p| p.name().eq_ignore_ascii_case(name.trim())).ok_or_else(|| format!("no product named {name}"))
            }
            (None, None, Some(id)) => by(&|p| p.id().get() == id).ok_or_else(|| format!("no product with id {id}")),
            (None, None, None) => Err("sku, name or product_id is required when scope=PRODUCT".to_owned()),
        };
        found.map_err(MlError::UnknownProduct)
    }

    /// `days` complete days ending yesterday for `product` (or the shop), as `target`.
    pub(super) async fn series(
        &self,
        caller: &Principal,
        product: Option<&Product>,
        target: super::Target,
        days: u32,
    ) -> Result<DailySeries, MlError> {
        let end = self.clock.today() - Days::new(1);
        let since = end - Days::new(u64::from(days.max(1) - 1));
        let by_day: BTreeMap<NaiveDate, f64> = match (product, target) {
            (Some(p), super::Target::Units) => {
                let rows = self.source.product_daily_units(caller, p.sku(), since).await?;
                rows.into_iter()
                    .filter(|r| r.date >= since && r.date <= end)
                    .map(|r| (r.date, r.quantity.to_f64()))
                    .collect()
            }
            _ => sum_by_day(&self.source.sales_since(caller, since).await?, product, target, since, end),
        };
        let Some(first) = by_day.keys().next().copied() else { return Err(MlError::NoHistory) };
        // From the first day with sales: a product launched last month has no sales before it.
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= end).collect();
        Ok(DailySeries {
            start: first,
            values: days.iter().map(|d| by_day.get(d).copied().unwrap_or(0.0)).collect(),
            closed: days.iter().map(|d| self.closed(*d)).collect(),
        })
    }
}

fn sum_by_day(
    ledger: &SalesLedger,
    product: Option<&Product>,
    target: super::Target,
    since: NaiveDate,
    end: NaiveDate,
) -> BTreeMap<NaiveDate, f64> {
    let mut by_day = BTreeMap::new();
    for sale in ledger.iter() {
        let day = sale.header.at.date();
        if day < since || day > end {
            continue;
        }
        for line in sale.lines.iter().filter(|l| product.is_none_or(|p| p.id() == l.product_id)) {
            let value = match target {
                super::Target::Units => line.quantity.to_f64(),
                super::Target::Revenue => line.subtotal().to_f64(),
            };
            *by_day.entry(day).or_insert(0.0) += value;
        }
    }
    by_day
}

impl From<&Product> for ProductRef {
    fn from(p: &Product) -> Self {
        Self { id: p.id().get(), sku: p.sku().clone(), name: p.name().to_owned() }
    }
}
