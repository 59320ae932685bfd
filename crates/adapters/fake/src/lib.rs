//! A deterministic fake shop for DEV mode, tests and benchmarks.
//!
//! [`FakeShop`] implements `SalesSource`, `SalesSink` and `HealthProbe` over generated data: a
//! catalogue of products in categories (every stock status represented: OK, LOW, OUT, DEAD) and
//! months of daily sales ending "today" (from the `Clock` port), with weekly and yearly
//! seasonality, per-product trends, promotions, holidays, stock-outs and a few injected anomalies
//! whose dates are exported ([`FakeShop::events`]) so tests can check detectors against them.
//! The same seed and the same "today" always give the same data and the same ids.
//!
//! [`upstream_mock`] holds the SalesFlow-Lite service's own tiny mock set (reference §8.3) for
//! golden tests. Depends on `ports`, `domain` and `rand` (ChaCha8, whose output is stable).

mod catalog;
pub mod crm;
mod effects;
mod events;
mod generate;
mod report_sample;
mod shop;
pub mod upstream_mock;

pub use events::{AnomalyKind, AnomalyScope, InjectedAnomaly, ShopEvents, StockOut};
pub use generate::FakeShopConfig;
pub use report_sample::SampleReport;
pub use shop::{Dataset, FakeShop};
