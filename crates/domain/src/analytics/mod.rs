//! Analytics over products and sales: named periods and windows, calendar buckets, sales KPIs,
//! stock KPIs and stock alerts. Pure functions of their inputs; "today" is an argument.

mod buckets;
mod index;
mod period;
mod sales;
mod stock;
mod stock_alerts;
mod totals;

pub use buckets::{Bucket, Granularity, buckets};
pub use period::{Period, WindowError, previous_window, resolve_window};
pub use sales::{
    BucketPoint, CategorySales, Comparison, DayPoint, ProductSales, SalesAnalytics, SalesQuery, TrendHint,
    sales_analytics, trend_hint,
};
pub use stock::{ProductStock, StockAnalytics, StockKpis, StockPolicy, StockQuery, stock_analytics};
pub use stock_alerts::{StockAlert, severity as stock_alert_severity, stock_alerts};
pub use totals::{Change, Totals};
