//! The stock response: the upstream's fields (reference §2.2) with the computed KPIs filled in,
//! plus every product's position and reorder suggestion.

use domain::StockStatus;
use domain::analytics::{Period, ProductStock, StockAnalytics};
use serde::Serialize;
use utoipa::ToSchema;

use super::round;

#[derive(Serialize, ToSchema)]
pub(crate) struct StockKpisDto {
    total_stock_value: f64,
    out_of_stock_count: usize,
    low_stock_count: usize,
    low_stock_ratio: f64,
    /// Products in stock whose coverage is below `analytics.stock.urgent_coverage_days`.
    urgent_reorder_count: usize,
    dead_stock_count: usize,
    rotation_per_year: Option<f64>,
    avg_coverage_days: Option<f64>,
    products_count: usize,
    period_units_sold: f64,
    period_revenue: f64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ProductStockDto {
    product_id: u64,
    sku: String,
    name: String,
    category: String,
    current_stock: f64,
    min_stock: f64,
    unit_price: f64,
    stock_value: f64,
    last_sale_date: Option<String>,
    coverage_days: Option<f64>,
    /// `OK`, `LOW_STOCK`, `OUT_OF_STOCK` or `DEAD_STOCK`.
    #[schema(value_type = String)]
    status: StockStatus,
    avg_daily_sales: Option<f64>,
    rotation_per_year: Option<f64>,
    period_units_sold: f64,
    urgent_reorder: bool,
    suggested_reorder_quantity: f64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct StockResponse {
    period: &'static str,
    period_label: &'static str,
    as_of: String,
    kpis: StockKpisDto,
    /// Every product whose status is not OK, in catalogue order.
    critical_products: Vec<ProductStockDto>,
    /// Every product, in catalogue order.
    products: Vec<ProductStockDto>,
    /// Days of sales behind demand, coverage and rotation.
    demand_window_start: String,
    demand_window_end: String,
}

pub(crate) fn product(p: &ProductStock) -> ProductStockDto {
    ProductStockDto {
        product_id: p.product_id.get(),
        sku: p.sku.as_str().to_owned(),
        name: p.name.clone(),
        category: p.category.as_str().to_owned(),
        current_stock: p.current_stock.to_f64(),
        min_stock: p.min_stock.to_f64(),
        unit_price: p.unit_price.round_to_cents(),
        stock_value: p.stock_value.round_to_cents(),
        last_sale_date: p.last_sale_date.map(|d| d.to_string()),
        coverage_days: p.coverage_days.map(|c| round(c, 1)),
        status: p.status,
        avg_daily_sales: p.avg_daily_sales.map(|v| round(v, 3)),
        rotation_per_year: p.rotation_per_year.map(|v| round(v, 2)),
        period_units_sold: round(p.period_units_sold.to_f64(), 2),
        urgent_reorder: p.urgent_reorder,
        suggested_reorder_quantity: p.suggested_reorder_quantity.to_f64(),
    }
}

pub(crate) fn response(a: &StockAnalytics, period: Period) -> StockResponse {
    let k = &a.kpis;
    StockResponse {
        period: period.as_str(),
        period_label: period.label(),
        as_of: a.as_of.to_string(),
        kpis: StockKpisDto {
            total_stock_value: k.total_stock_value.round_to_cents(),
            out_of_stock_count: k.out_of_stock_count,
            low_stock_count: k.low_stock_count,
            low_stock_ratio: round(k.low_stock_ratio, 1),
            urgent_reorder_count: k.urgent_reorder_count,
            dead_stock_count: k.dead_stock_count,
            rotation_per_year: k.rotation_per_year.map(|v| round(v, 2)),
            avg_coverage_days: k.avg_coverage_days.map(|v| round(v, 1)),
            products_count: k.products,
            period_units_sold: round(k.period_units_sold.to_f64(), 2),
            period_revenue: k.period_revenue.round_to_cents(),
        },
        critical_products: a.products.iter().filter(|p| p.status != StockStatus::Ok).map(product).collect(),
        products: a.products.iter().map(product).collect(),
        demand_window_start: a.demand_window.start().to_string(),
        demand_window_end: a.demand_window.end().to_string(),
    }
}
