//! Pure SalesFlow business logic: money and quantities, products and stock, sales, identity, and (as
//! later features land) KPIs, forecasting and anomaly classification.
//!
//! This crate performs no IO, spawns nothing and knows no async runtime or web framework. Its only
//! dependencies are `thiserror`, `serde` and `chrono` *types* (the `clock` feature is not enabled
//! here: the current time always arrives as an argument, from the `Clock` port). CI fails the build
//! if `cargo tree -p salesflow-domain -e normal` ever shows tokio, actix, reqwest, redis, sqlx or
//! apalis.

pub mod alert;
pub mod analytics;
pub mod anomaly;
pub mod auth;
pub mod calendar;
pub mod crm;
mod fixed_point;
pub mod forecast;
pub mod holidays;
pub mod money;
pub mod notification;
pub mod product;
pub mod quantity;
pub mod report;
pub mod sale;
pub mod stock;

pub use auth::{AccessToken, Principal, Role, Roles};
pub use calendar::DateRange;
pub use money::Money;
pub use notification::{Notification, Severity};
pub use product::{Category, InventoryItem, Product, ProductId, Sku};
pub use quantity::Quantity;
pub use sale::{NewSale, NewSaleLine, SaleHeader, SaleId, SaleLine, SaleRef, SalesLedger, SalesLedgerBuilder};
pub use stock::StockStatus;
pub use uuid::Uuid;
