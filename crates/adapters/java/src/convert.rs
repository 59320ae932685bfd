//! Java DTOs → domain values. Rows that cannot be used are skipped and counted so that the
//! caller logs one warning per call; a number that cannot be a `Money`/`Quantity` fails the call.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use domain::{Category, InventoryItem, Money, Product, ProductId, Quantity, SaleId, SaleLine, SalesLedger, Sku};
use ports::DailyUnits;

use crate::dates;
use crate::dto::{HistoryDto, InventoryDto, ProductDto, SaleDto, SaleItemDto};

/// Java's `lowStockThreshold` default.
const DEFAULT_LOW_STOCK_THRESHOLD: i64 = 10;

fn money(value: f64, field: &str) -> Result<Money, String> {
    Money::try_from_f64(value).map_err(|e| format!("{field}: {e}"))
}

fn quantity(value: f64, field: &str) -> Result<Quantity, String> {
    Quantity::try_from_f64(value).map_err(|e| format!("{field}: {e}"))
}

fn sku(raw: Option<&str>) -> Option<Sku> {
    Sku::parse(raw?).ok()
}

/// What `/inventory` adds to a product: `ProductDto` has neither category nor cost.
#[derive(Debug, Clone)]
pub(crate) struct Costing {
    category: Category,
    cost: Option<Money>,
}

/// Category and cost by sku.
pub(crate) fn costing(items: &[InventoryDto]) -> Result<HashMap<Sku, Costing>, String> {
    let mut by_sku = HashMap::with_capacity(items.len());
    for item in items {
        let Some(sku) = sku(item.sku.as_deref()) else { continue };
        let cost = item.cost.map(|c| money(c, "cost")).transpose()?;
        by_sku.insert(sku, Costing { category: Category::new(item.category.as_deref().unwrap_or("")), cost });
    }
    Ok(by_sku)
}

/// The catalogue and the number of products skipped for a missing or invalid sku.
pub(crate) fn products(dtos: Vec<ProductDto>, costs: &HashMap<Sku, Costing>) -> Result<(Vec<Product>, usize), String> {
    let mut products = Vec::with_capacity(dtos.len());
    let mut skipped = 0;
    for dto in dtos {
        let Some(sku) = sku(dto.sku.as_deref()) else {
            skipped += 1;
            continue;
        };
        let threshold = match dto.low_stock_threshold {
            Some(value) => quantity(value, "lowStockThreshold")?,
            None => Quantity::from_units(DEFAULT_LOW_STOCK_THRESHOLD),
        };
        let stock = quantity(dto.stock_quantity.unwrap_or(0.0), "stockQuantity")?;
        let mut product = Product::new(ProductId::new(dto.id), sku, dto.name, money(dto.price, "price")?)
            .with_stock(stock)
            .with_low_stock_threshold(threshold);
        if let Some(costing) = costs.get(product.sku()) {
            product = product.with_category(costing.category.clone());
            if let Some(cost) = costing.cost {
                product = product.with_cost(cost);
            }
        }
        products.push(product);
    }
    Ok((products, skipped))
}

/// The inventory and the number of rows skipped for a missing or invalid sku.
pub(crate) fn inventory(dtos: Vec<InventoryDto>) -> Result<(Vec<InventoryItem>, usize), String> {
    let mut items = Vec::with_capacity(dtos.len());
    let mut skipped = 0;
    for dto in dtos {
        let Some(sku) = sku(dto.sku.as_deref()) else {
            skipped += 1;
            continue;
        };
        items.push(InventoryItem {
            id: dto.id,
            sku,
            name: dto.name.unwrap_or_default(),
            quantity: quantity(dto.quantity.unwrap_or(0.0), "quantity")?,
            price: money(dto.price, "price")?,
            cost: money(dto.cost.unwrap_or(0.0), "cost")?,
            category: Category::new(dto.category.as_deref().unwrap_or("")),
        });
    }
    Ok((items, skipped))
}

/// What was left out of a ledger, for one warning per call.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LedgerSkips {
    pub(crate) undated_sales: usize,
    pub(crate) unusable_items: usize,
    pub(crate) unpriced_items: usize,
}

impl LedgerSkips {
    pub(crate) fn any(&self) -> bool {
        *self != Self::default()
    }
}

/// The sales dated at or after `from` (shop-local).
pub(crate) fn ledger(dtos: Vec<SaleDto>, zone: Tz, from: NaiveDateTime) -> Result<(SalesLedger, LedgerSkips), String> {
    let mut skips = LedgerSkips::default();
    let mut builder = SalesLedger::builder();
    for dto in dtos {
        let at = dto.sale_date.as_ref().and_then(|v| v.as_str()).and_then(|raw| dates::parse_local(raw, zone));
        let Some(at) = at else {
            skips.undated_sales += 1;
            continue;
        };
        if at < from {
            continue;
        }
        let mut lines = Vec::new();
        let mut charged = Money::ZERO;
        for item in dto.items.unwrap_or_default() {
            if let Some((line, subtotal)) = sale_line(&item, &mut skips)? {
                lines.push(line);
                charged += subtotal;
            }
        }
        let total = dto.total_amount.map(|t| money(t, "totalAmount")).transpose()?.unwrap_or(charged);
        builder.push(SaleId::new(dto.id), at, total, lines).map_err(|e| e.to_string())?;
    }
    Ok((builder.build(), skips))
}

/// One line and its subtotal (Java's when sent), or `None` for an item without a product id or
/// a quantity.
fn sale_line(item: &SaleItemDto, skips: &mut LedgerSkips) -> Result<Option<(SaleLine, Money)>, String> {
    let (Some(product_id), Some(units)) = (item.product_id, item.quantity) else {
        skips.unusable_items += 1;
        return Ok(None);
    };
    // A unit price of 0 is a real price (a gift, a promotion), not a missing one.
    let unit_price = match (item.unit_price, item.subtotal) {
        (Some(price), _) => money(price, "unitPrice")?,
        (None, Some(subtotal)) if units != 0.0 => money(subtotal / units, "subtotal / quantity")?,
        _ => {
            skips.unpriced_items += 1;
            Money::ZERO
        }
    };
    let line = SaleLine { product_id: ProductId::new(product_id), quantity: quantity(units, "quantity")?, unit_price };
    let subtotal = item.subtotal.map(|s| money(s, "subtotal")).transpose()?.unwrap_or_else(|| line.subtotal());
    Ok(Some((line, subtotal)))
}

/// Units per day from `since` on, ascending, a day reported twice summed; also the number of
/// rows whose date could not be read.
pub(crate) fn daily_units(dtos: Vec<HistoryDto>, since: chrono::NaiveDate) -> Result<(Vec<DailyUnits>, usize), String> {
    let mut by_day: BTreeMap<chrono::NaiveDate, Quantity> = BTreeMap::new();
    let mut undated = 0;
    for dto in dtos {
        let Some(date) = dates::parse_day(&dto.date) else {
            undated += 1;
            continue;
        };
        if date >= since {
            *by_day.entry(date).or_default() += quantity(dto.quantity, "quantity")?;
        }
    }
    Ok((by_day.into_iter().map(|(date, quantity)| DailyUnits { date, quantity }).collect(), undated))
}
