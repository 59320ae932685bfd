//! Stock analytics (reference §3.3 with §10.2 item 11 fixed): status per product with dead stock
//! reachable, demand rates, coverage, rotation, urgent reorders and suggested quantities.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::index::ProductIndex;
use crate::stock::SalesRecency;
use crate::{Category, DateRange, Money, Product, ProductId, Quantity, SalesLedger, Sku, StockStatus};

/// Thresholds of the stock rules (all configurable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StockPolicy {
    pub dead_after_days: u32,
    pub urgent_coverage_days: u32,
    pub lead_time_days: u32,
    pub safety_days: u32,
}

/// What to compute, and over which dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StockQuery {
    pub today: NaiveDate,
    /// The sales history available: at least `dead_after_days` long, so dead stock is visible.
    pub observed_since: NaiveDate,
    /// Sales behind demand rates, coverage and rotation.
    pub demand_window: DateRange,
    /// The requested period, for the units sold and revenue it reports.
    pub period_window: DateRange,
    pub policy: StockPolicy,
}

/// One product's stock position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductStock {
    pub product_id: ProductId,
    pub sku: Sku,
    pub name: String,
    pub category: Category,
    pub current_stock: Quantity,
    pub min_stock: Quantity,
    pub unit_price: Money,
    pub stock_value: Money,
    pub last_sale_date: Option<NaiveDate>,
    pub period_units_sold: Quantity,
    pub period_revenue: Money,
    /// Units per day over the demand window, counted from the first sale in it to today.
    pub avg_daily_sales: Option<f64>,
    /// Days the current stock lasts at that rate (in stock and selling only).
    pub coverage_days: Option<f64>,
    /// Annualised units sold ÷ current stock.
    pub rotation_per_year: Option<f64>,
    pub status: StockStatus,
    /// Coverage below the urgent threshold.
    pub urgent_reorder: bool,
    /// Units to order now to cover lead time + safety days (and at least the minimum stock).
    pub suggested_reorder_quantity: Quantity,
}

/// Shop-wide figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockKpis {
    pub products: usize,
    pub total_stock_value: Money,
    pub out_of_stock_count: usize,
    pub low_stock_count: usize,
    /// Percent of products in `LOW_STOCK`.
    pub low_stock_ratio: f64,
    pub urgent_reorder_count: usize,
    pub dead_stock_count: usize,
    /// Annualised value sold ÷ value in stock (at cost when known, else at price).
    pub rotation_per_year: Option<f64>,
    /// Mean coverage of the products that have one.
    pub avg_coverage_days: Option<f64>,
    pub period_units_sold: Quantity,
    pub period_revenue: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockAnalytics {
    pub as_of: NaiveDate,
    pub demand_window: DateRange,
    pub period_window: DateRange,
    pub kpis: StockKpis,
    /// Catalogue order.
    pub products: Vec<ProductStock>,
}

#[derive(Clone, Copy, Default)]
struct Activity {
    last_sale: Option<NaiveDate>,
    first_in_window: Option<NaiveDate>,
    window_units: Quantity,
    period_units: Quantity,
    period_revenue: Money,
}

fn activity(ledger: &SalesLedger, catalogue: &[Product], query: &StockQuery) -> Vec<Activity> {
    let mut index = ProductIndex::new(catalogue.iter().map(Product::id));
    let mut acc = vec![Activity::default(); index.len()];
    for sale in ledger.iter() {
        let date = sale.header.at.date();
        if date < query.observed_since || date > query.today {
            continue;
        }
        let (in_window, in_period) = (query.demand_window.contains(date), query.period_window.contains(date));
        // Returns and corrections (quantity ≤ 0) are not demand.
        for line in sale.lines.iter().filter(|l| l.quantity.is_positive()) {
            let slot = index.slot(line.product_id);
            let Some(a) = acc.get_mut(slot) else { continue };
            a.last_sale = a.last_sale.max(Some(date));
            if in_window {
                a.window_units += line.quantity;
                a.first_in_window = Some(a.first_in_window.map_or(date, |d| d.min(date)));
            }
            if in_period {
                a.period_units += line.quantity;
                a.period_revenue += line.subtotal();
            }
        }
    }
    acc
}

fn position(product: &Product, a: &Activity, query: &StockQuery) -> ProductStock {
    let policy = query.policy;
    let current = product.stock();
    let recency = SalesRecency { last_sale: a.last_sale, observed_since: query.observed_since, today: query.today };
    let status = StockStatus::classify(current, product.low_stock_threshold(), recency, policy.dead_after_days);
    let avg_daily = a
        .first_in_window
        .filter(|_| a.window_units.is_positive())
        .map(|first| a.window_units.to_f64() / ((query.today - first).num_days() + 1) as f64);
    let coverage = avg_daily.filter(|_| current.is_positive()).map(|rate| current.to_f64() / rate);
    let annual_units = a.window_units.to_f64() * 365.0 / f64::from(query.demand_window.days());
    let rotation = current.is_positive().then(|| annual_units / current.to_f64());
    let urgent = coverage.is_some_and(|c| c < f64::from(policy.urgent_coverage_days));
    ProductStock {
        product_id: product.id(),
        sku: product.sku().clone(),
        name: product.name().to_owned(),
        category: product.category().clone(),
        current_stock: current,
        min_stock: product.low_stock_threshold(),
        unit_price: product.price(),
        stock_value: product.price().times(current.max(Quantity::ZERO)),
        last_sale_date: a.last_sale,
        period_units_sold: a.period_units,
        period_revenue: a.period_revenue,
        avg_daily_sales: avg_daily,
        coverage_days: coverage,
        rotation_per_year: rotation,
        status,
        urgent_reorder: urgent,
        suggested_reorder_quantity: suggested_reorder(product, avg_daily, status, policy),
    }
}

/// Order up to the demand of lead time + safety days, and at least to the minimum stock; never
/// for dead stock; whole units.
fn suggested_reorder(product: &Product, avg_daily: Option<f64>, status: StockStatus, policy: StockPolicy) -> Quantity {
    if status == StockStatus::DeadStock {
        return Quantity::ZERO;
    }
    let demand = avg_daily.unwrap_or(0.0) * f64::from(policy.lead_time_days + policy.safety_days);
    let target = demand.max(product.low_stock_threshold().to_f64());
    let missing = (target - product.stock().to_f64()).max(0.0).ceil();
    Quantity::from_units(missing as i64)
}

/// Stock analytics of `catalogue` from the sales in `ledger`.
#[must_use]
pub fn stock_analytics(ledger: &SalesLedger, catalogue: &[Product], query: &StockQuery) -> StockAnalytics {
    let acc = activity(ledger, catalogue, query);
    let products: Vec<ProductStock> = catalogue.iter().zip(&acc).map(|(p, a)| position(p, a, query)).collect();
    let count = |s: StockStatus| products.iter().filter(|p| p.status == s).count();
    let low = count(StockStatus::LowStock);
    let coverages: Vec<f64> = products.iter().filter_map(|p| p.coverage_days).collect();
    let unit_value = |p: &Product| p.cost().unwrap_or(p.price()).to_f64();
    let stock_value_at_cost: f64 = catalogue.iter().map(|p| unit_value(p) * p.stock().to_f64().max(0.0)).sum();
    let sold_value_at_cost: f64 =
        catalogue.iter().zip(&acc).map(|(p, a)| unit_value(p) * a.window_units.to_f64()).sum();
    let kpis = StockKpis {
        products: products.len(),
        total_stock_value: products.iter().map(|p| p.stock_value).sum(),
        out_of_stock_count: count(StockStatus::OutOfStock),
        low_stock_count: low,
        low_stock_ratio: low as f64 / products.len().max(1) as f64 * 100.0,
        urgent_reorder_count: products.iter().filter(|p| p.urgent_reorder).count(),
        dead_stock_count: count(StockStatus::DeadStock),
        rotation_per_year: (stock_value_at_cost > 0.0)
            .then(|| sold_value_at_cost * 365.0 / f64::from(query.demand_window.days()) / stock_value_at_cost),
        avg_coverage_days: (!coverages.is_empty()).then(|| coverages.iter().sum::<f64>() / coverages.len() as f64),
        period_units_sold: products.iter().map(|p| p.period_units_sold).sum(),
        period_revenue: products.iter().map(|p| p.period_revenue).sum(),
    };
    StockAnalytics {
        as_of: query.today,
        demand_window: query.demand_window,
        period_window: query.period_window,
        kpis,
        products,
    }
}
