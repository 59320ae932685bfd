//! `SalesSource`: where products, stock and sales history come from (the Java system of record,
//! or the fake shop in DEV).

use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use domain::{InventoryItem, Principal, Product, Quantity, SalesLedger, Sku};

/// Units of one product sold on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DailyUnits {
    pub date: NaiveDate,
    pub quantity: Quantity,
}

/// Why the source could not answer. The gateway maps each variant to one HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The source rejected the caller's credentials (Java 401): passed through as 401.
    #[error("the sales source rejected the caller's credentials")]
    Unauthorized,
    /// The caller is authenticated but may not read this (Java 403): passed through as 403.
    #[error("the sales source denied access")]
    Forbidden,
    /// The named thing does not exist (Java 404).
    #[error("{what} not found")]
    NotFound { what: String },
    /// Down, refusing connections, timing out or answering 5xx: the caller should retry later.
    #[error("the sales source is unavailable: {reason}")]
    Unavailable { reason: String, retry_after: Option<Duration> },
    /// The source answered, but with something that does not follow its contract.
    #[error("the sales source sent an invalid response: {reason}")]
    BadResponse { reason: String },
}

/// Read access to the system of record. Every method receives the caller so that an adapter can
/// forward the caller's own token (the Java service enforces its own roles).
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait SalesSource: Send + Sync {
    /// Every catalogue product with its current stock level.
    ///
    /// # Errors
    /// MUST return `Unauthorized`/`Forbidden` when the source refuses the caller, `Unavailable`
    /// when it cannot be reached in time, `BadResponse` when its answer cannot be read.
    async fn products(&self, caller: &Principal) -> Result<Vec<Product>, SourceError>;

    /// Every sale dated on or after the start of `since` (shop-local date) up to now, in any
    /// order. The window is never silently capped: asking for 400 days returns 400 days.
    ///
    /// # Errors
    /// As [`SalesSource::products`].
    async fn sales_since(&self, caller: &Principal, since: NaiveDate) -> Result<SalesLedger, SourceError>;

    /// Units of one product sold per day since `since`, ascending by date, days without sales
    /// omitted.
    ///
    /// # Errors
    /// MUST return `NotFound` for an unknown sku; otherwise as [`SalesSource::products`].
    async fn product_daily_units(
        &self,
        caller: &Principal,
        sku: &Sku,
        since: NaiveDate,
    ) -> Result<Vec<DailyUnits>, SourceError>;

    /// The inventory view: stock with cost and category.
    ///
    /// # Errors
    /// As [`SalesSource::products`].
    async fn inventory(&self, caller: &Principal) -> Result<Vec<InventoryItem>, SourceError>;
}
