//! Sales analytics (reference §3.2, with §10.2 item 12 fixed): totals, zero-filled daily series
//! and calendar buckets, products and categories whose revenues add up to the total, the
//! previous window of equal length, and the legacy trend hint.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::buckets::{Bucket, Granularity, buckets};
use super::index::ProductIndex;
use super::period::previous_window;
use super::totals::{Change, Totals};
use crate::{Category, DateRange, Money, Product, ProductId, Quantity, SalesLedger};

/// What to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SalesQuery {
    pub window: DateRange,
    pub granularity: Granularity,
}

/// One day of the window (every day is present, zero when nothing sold).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    pub date: chrono::NaiveDate,
    pub totals: Totals,
}

/// One calendar bucket of the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketPoint {
    pub bucket: Bucket,
    pub totals: Totals,
}

/// A product's sales in the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSales {
    pub product_id: ProductId,
    /// The catalogue name, or `Unknown product <id>` for a product no longer in the catalogue.
    pub name: String,
    pub category: Category,
    pub quantity: Quantity,
    pub revenue: Money,
}

/// A category's sales in the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySales {
    pub category: Category,
    pub quantity: Quantity,
    pub revenue: Money,
}

/// The previous window of equal length and how the current one compares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub window: DateRange,
    pub totals: Totals,
    pub change: Change,
}

/// The legacy ±10 % trend hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrendHint {
    Upward,
    Downward,
    Stable,
}

impl TrendHint {
    /// The legacy strings.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Upward => "Upward trend",
            Self::Downward => "Downward trend",
            Self::Stable => "Stable",
        }
    }
}

/// Everything the sales endpoint, its CSV export and the reports show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SalesAnalytics {
    pub window: DateRange,
    pub granularity: Granularity,
    /// Revenue is Σ quantity × unit price of the lines, so product, category, day and bucket
    /// revenues all add up to it exactly.
    pub totals: Totals,
    pub comparison: Comparison,
    pub daily: Vec<DayPoint>,
    pub buckets: Vec<BucketPoint>,
    /// Every product that sold in the window, by revenue (then units, then id).
    pub products: Vec<ProductSales>,
    /// By revenue, then name.
    pub categories: Vec<CategorySales>,
    pub seasonal_hint: Option<TrendHint>,
}

impl SalesAnalytics {
    /// A product's or category's share of the total revenue, in percent (0 when nothing sold).
    #[must_use]
    pub fn share(&self, revenue: Money) -> f64 {
        if self.totals.revenue.minor() == 0 { 0.0 } else { revenue.to_f64() / self.totals.revenue.to_f64() * 100.0 }
    }
}

/// The legacy hint (reference §3.2 step 8), restored: with at least 4 days, compare the second
/// half of the window with the first; > +10 % is upward, < −10 % downward. Halves are compared by
/// daily average, because the legacy sums gave an odd-length window's longer second half a
/// built-in "upward" bias.
#[must_use]
pub fn trend_hint(daily_revenue: &[Money]) -> Option<TrendHint> {
    if daily_revenue.len() < 4 {
        return None;
    }
    let (first, second) = daily_revenue.split_at(daily_revenue.len() / 2);
    let mean = |s: &[Money]| s.iter().map(|m| m.to_f64()).sum::<f64>() / s.len() as f64;
    let (a, b) = (mean(first), mean(second));
    Some(if b > a * 1.1 {
        TrendHint::Upward
    } else if b < a * 0.9 {
        TrendHint::Downward
    } else {
        TrendHint::Stable
    })
}

/// Computes the sales analytics of `query.window` (and of the window before it) in one pass.
#[must_use]
pub fn sales_analytics(ledger: &SalesLedger, catalogue: &[Product], query: &SalesQuery) -> SalesAnalytics {
    let window = query.window;
    let previous = previous_window(window);
    let days = window.days() as usize;
    let current_from = i64::from(previous.days());
    let mut daily = vec![Totals::default(); days];
    let mut previous_totals = Totals::default();
    let mut index = ProductIndex::new(catalogue.iter().map(Product::id));
    let mut per_product = vec![(Money::ZERO, Quantity::ZERO); index.len()];
    let mut last_date = None;
    let mut offset = 0_i64;

    for sale in ledger.iter() {
        let date = sale.header.at.date();
        // Ledgers are mostly in time order: most sales share the previous sale's date.
        if last_date != Some(date) {
            offset = (date - previous.start()).num_days();
            last_date = Some(date);
        }
        if offset < 0 || offset >= current_from + days as i64 {
            continue;
        }
        if offset < current_from {
            let revenue = sale.lines.iter().map(|l| l.subtotal()).sum();
            previous_totals.add_sale(revenue, sale.lines.iter().map(|l| l.quantity).sum());
            continue;
        }
        let (mut revenue, mut quantity) = (Money::ZERO, Quantity::ZERO);
        for line in sale.lines {
            let subtotal = line.subtotal();
            let slot = index.slot(line.product_id);
            if slot >= per_product.len() {
                per_product.resize(slot + 1, (Money::ZERO, Quantity::ZERO));
            }
            per_product[slot].0 += subtotal;
            per_product[slot].1 += line.quantity;
            revenue += subtotal;
            quantity += line.quantity;
        }
        daily[(offset - current_from) as usize].add_sale(revenue, quantity);
    }
    assemble(window, query.granularity, previous, previous_totals, &daily, catalogue, &index, &per_product)
}

#[expect(clippy::too_many_arguments, reason = "the pieces of one computation, split for readability")]
fn assemble(
    window: DateRange,
    granularity: Granularity,
    previous: DateRange,
    previous_totals: Totals,
    daily: &[Totals],
    catalogue: &[Product],
    index: &ProductIndex,
    per_product: &[(Money, Quantity)],
) -> SalesAnalytics {
    let mut totals = Totals::default();
    for day in daily {
        totals.revenue += day.revenue;
        totals.quantity += day.quantity;
        totals.transactions += day.transactions;
    }
    let (bucket_list, day_to_bucket) = buckets(window, granularity);
    let mut bucket_totals = vec![Totals::default(); bucket_list.len()];
    for (day, bucket) in daily.iter().zip(&day_to_bucket) {
        let b = &mut bucket_totals[*bucket as usize];
        b.revenue += day.revenue;
        b.quantity += day.quantity;
        b.transactions += day.transactions;
    }
    let products = product_sales(catalogue, index, per_product);
    let revenues: Vec<Money> = daily.iter().map(|d| d.revenue).collect();
    SalesAnalytics {
        window,
        granularity,
        totals,
        comparison: Comparison {
            window: previous,
            totals: previous_totals,
            change: Change::between(&totals, &previous_totals),
        },
        daily: window.iter_days().zip(daily).map(|(date, t)| DayPoint { date, totals: *t }).collect(),
        buckets: bucket_list
            .into_iter()
            .zip(bucket_totals)
            .map(|(bucket, totals)| BucketPoint { bucket, totals })
            .collect(),
        categories: category_sales(&products),
        products,
        seasonal_hint: trend_hint(&revenues),
    }
}

fn product_sales(catalogue: &[Product], index: &ProductIndex, per_product: &[(Money, Quantity)]) -> Vec<ProductSales> {
    let mut products: Vec<ProductSales> = per_product
        .iter()
        .enumerate()
        .filter(|(_, (revenue, quantity))| revenue.minor() != 0 || quantity.milli() != 0)
        .map(|(slot, (revenue, quantity))| {
            // Slots 0..catalogue.len() are the catalogue's, in order.
            let (name, category) = catalogue.get(slot).map_or_else(
                || (format!("Unknown product {}", index.id(slot)), Category::new("")),
                |p| (p.name().to_owned(), p.category().clone()),
            );
            ProductSales { product_id: index.id(slot), name, category, quantity: *quantity, revenue: *revenue }
        })
        .collect();
    products.sort_by(|a, b| {
        b.revenue.cmp(&a.revenue).then(b.quantity.cmp(&a.quantity)).then(a.product_id.cmp(&b.product_id))
    });
    products
}

fn category_sales(products: &[ProductSales]) -> Vec<CategorySales> {
    let mut by_category: HashMap<&Category, (Money, Quantity)> = HashMap::new();
    for p in products {
        let entry = by_category.entry(&p.category).or_default();
        entry.0 += p.revenue;
        entry.1 += p.quantity;
    }
    let mut categories: Vec<CategorySales> = by_category
        .into_iter()
        .map(|(category, (revenue, quantity))| CategorySales { category: category.clone(), quantity, revenue })
        .collect();
    categories.sort_by(|a, b| b.revenue.cmp(&a.revenue).then_with(|| a.category.cmp(&b.category)));
    categories
}
