//! The sales response: the upstream's fields (reference §2.3) plus buckets, the comparison and
//! categories.

use domain::analytics::{BucketPoint, CategorySales, Change, DayPoint, Period, ProductSales, SalesAnalytics, Totals};
use serde::Serialize;
use utoipa::ToSchema;

use super::round;

#[derive(Serialize, ToSchema)]
pub(crate) struct TopProduct {
    product_id: u64,
    name: String,
    category: String,
    total_quantity: f64,
    revenue: f64,
    /// Percent of `kpis.total_revenue`; all products' shares add up to 100.
    share_of_revenue: f64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SalesKpis {
    total_revenue: f64,
    total_quantity: f64,
    total_transactions: u64,
    average_ticket: f64,
    top_products: Vec<TopProduct>,
    /// `Upward trend`, `Downward trend`, `Stable` (≥ 4 days), else null.
    seasonal_hint: Option<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DailyPoint {
    date: String,
    total_revenue: f64,
    total_quantity: f64,
    total_transactions: u64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct BucketRow {
    /// `2026-11-23`, `2026-W48`, `2026-11` or `2026-Q4`.
    label: String,
    start: String,
    end: String,
    /// The window covers only part of this calendar period.
    partial: bool,
    total_revenue: f64,
    total_quantity: f64,
    total_transactions: u64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ChangePct {
    revenue_pct: Option<f64>,
    quantity_pct: Option<f64>,
    transactions_pct: Option<f64>,
    average_ticket_pct: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ComparisonDto {
    start_date: String,
    end_date: String,
    total_revenue: f64,
    total_quantity: f64,
    total_transactions: u64,
    average_ticket: f64,
    change: ChangePct,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CategoryRow {
    category: String,
    total_quantity: f64,
    revenue: f64,
    share_of_revenue: f64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SalesResponse {
    period: &'static str,
    start_date: String,
    end_date: String,
    period_label: &'static str,
    granularity: &'static str,
    kpis: SalesKpis,
    /// Every day of the window, zero-filled.
    daily: Vec<DailyPoint>,
    buckets: Vec<BucketRow>,
    /// The previous window of equal length.
    comparison: ComparisonDto,
    categories: Vec<CategoryRow>,
}

fn money(totals: &Totals) -> (f64, f64) {
    (totals.revenue.round_to_cents(), round(totals.quantity.to_f64(), 2))
}

fn top_product(a: &SalesAnalytics, p: &ProductSales) -> TopProduct {
    TopProduct {
        product_id: p.product_id.get(),
        name: p.name.clone(),
        category: p.category.as_str().to_owned(),
        total_quantity: round(p.quantity.to_f64(), 2),
        revenue: p.revenue.round_to_cents(),
        share_of_revenue: a.share(p.revenue),
    }
}

fn day(p: &DayPoint) -> DailyPoint {
    let (revenue, quantity) = money(&p.totals);
    DailyPoint {
        date: p.date.to_string(),
        total_revenue: revenue,
        total_quantity: quantity,
        total_transactions: p.totals.transactions,
    }
}

fn bucket(p: &BucketPoint) -> BucketRow {
    let (revenue, quantity) = money(&p.totals);
    BucketRow {
        label: p.bucket.label.clone(),
        start: p.bucket.start.to_string(),
        end: p.bucket.end.to_string(),
        partial: p.bucket.partial,
        total_revenue: revenue,
        total_quantity: quantity,
        total_transactions: p.totals.transactions,
    }
}

fn change(c: &Change) -> ChangePct {
    let r = |v: Option<f64>| v.map(|x| round(x, 2));
    ChangePct {
        revenue_pct: r(c.revenue_pct),
        quantity_pct: r(c.quantity_pct),
        transactions_pct: r(c.transactions_pct),
        average_ticket_pct: r(c.average_ticket_pct),
    }
}

fn category(a: &SalesAnalytics, c: &CategorySales) -> CategoryRow {
    CategoryRow {
        category: c.category.as_str().to_owned(),
        total_quantity: round(c.quantity.to_f64(), 2),
        revenue: c.revenue.round_to_cents(),
        share_of_revenue: a.share(c.revenue),
    }
}

pub(crate) fn response(a: &SalesAnalytics, period: Period, top: usize) -> SalesResponse {
    let (revenue, quantity) = money(&a.totals);
    let (prev_revenue, prev_quantity) = money(&a.comparison.totals);
    SalesResponse {
        period: period.as_str(),
        start_date: a.window.start().to_string(),
        end_date: a.window.end().to_string(),
        period_label: period.label(),
        granularity: a.granularity.as_str(),
        kpis: SalesKpis {
            total_revenue: revenue,
            total_quantity: quantity,
            total_transactions: a.totals.transactions,
            average_ticket: a.totals.average_ticket().round_to_cents(),
            top_products: a.products.iter().take(top).map(|p| top_product(a, p)).collect(),
            seasonal_hint: a.seasonal_hint.map(|h| h.as_str()),
        },
        daily: a.daily.iter().map(day).collect(),
        buckets: a.buckets.iter().map(bucket).collect(),
        comparison: ComparisonDto {
            start_date: a.comparison.window.start().to_string(),
            end_date: a.comparison.window.end().to_string(),
            total_revenue: prev_revenue,
            total_quantity: prev_quantity,
            total_transactions: a.comparison.totals.transactions,
            average_ticket: a.comparison.totals.average_ticket().round_to_cents(),
            change: change(&a.comparison.change),
        },
        categories: a.categories.iter().map(|c| category(a, c)).collect(),
    }
}
