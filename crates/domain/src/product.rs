//! Products, their identifiers and the inventory view the Java service keeps of them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Money, Quantity};

/// The Java service's numeric product id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(u64);

impl ProductId {
    #[must_use]
    pub const fn new(id: u64) -> Self {
        Self(id)
    }

    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for ProductId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A stock-keeping unit code: trimmed, 1–50 characters (Java's column limit), no control chars.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

/// Why a string is not a valid [`Sku`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkuError {
    #[error("sku is empty")]
    Empty,
    #[error("sku is longer than 50 characters")]
    TooLong,
    #[error("sku contains a control character")]
    ControlChar,
}

impl Sku {
    /// # Errors
    /// See [`SkuError`].
    pub fn parse(raw: &str) -> Result<Self, SkuError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(SkuError::Empty);
        }
        if trimmed.chars().count() > 50 {
            return Err(SkuError::TooLong);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(SkuError::ControlChar);
        }
        Ok(Self(trimmed.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sku {
    type Error = SkuError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sku> for String {
    fn from(value: Sku) -> Self {
        value.0
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A product category name ("Dairy", "Bakery"…). Java products may have none.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Category(String);

impl Category {
    /// The bucket for products without a category.
    pub const UNCATEGORIZED: &'static str = "Uncategorized";

    /// Blank names become [`Category::UNCATEGORIZED`].
    #[must_use]
    pub fn new(name: &str) -> Self {
        let trimmed = name.trim();
        Self(if trimmed.is_empty() { Self::UNCATEGORIZED.to_owned() } else { trimmed.to_owned() })
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A catalogue product with its stock level, as the system of record reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    id: ProductId,
    sku: Sku,
    name: String,
    category: Category,
    price: Money,
    cost: Option<Money>,
    stock: Quantity,
    low_stock_threshold: Quantity,
}

impl Product {
    /// A product with no cost, no stock, the uncategorised bucket and Java's default low-stock
    /// threshold of 10; chain the `with_*` methods for the rest.
    #[must_use]
    pub fn new(id: ProductId, sku: Sku, name: impl Into<String>, price: Money) -> Self {
        Self {
            id,
            sku,
            name: name.into(),
            category: Category::new(""),
            price,
            cost: None,
            stock: Quantity::ZERO,
            low_stock_threshold: Quantity::from_units(10),
        }
    }

    #[must_use]
    pub fn with_category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    #[must_use]
    pub fn with_cost(mut self, cost: Money) -> Self {
        self.cost = Some(cost);
        self
    }

    #[must_use]
    pub fn with_stock(mut self, stock: Quantity) -> Self {
        self.stock = stock;
        self
    }

    #[must_use]
    pub fn with_low_stock_threshold(mut self, threshold: Quantity) -> Self {
        self.low_stock_threshold = threshold;
        self
    }

    #[must_use]
    pub const fn id(&self) -> ProductId {
        self.id
    }

    #[must_use]
    pub fn sku(&self) -> &Sku {
        &self.sku
    }

    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    #[must_use]
    pub fn category(&self) -> &Category {
        &self.category
    }

    #[must_use]
    pub const fn price(&self) -> Money {
        self.price
    }

    #[must_use]
    pub const fn cost(&self) -> Option<Money> {
        self.cost
    }

    #[must_use]
    pub const fn stock(&self) -> Quantity {
        self.stock
    }

    #[must_use]
    pub const fn low_stock_threshold(&self) -> Quantity {
        self.low_stock_threshold
    }
}

/// One row of the Java inventory (`InventoryResponse`): stock with cost and category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InventoryItem {
    pub id: u64,
    pub sku: Sku,
    pub name: String,
    pub quantity: Quantity,
    pub price: Money,
    pub cost: Money,
    pub category: Category,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sku_is_trimmed_and_bounded() {
        assert_eq!(Sku::parse("  MILK-001 ").unwrap().as_str(), "MILK-001");
        assert_eq!(Sku::parse("   "), Err(SkuError::Empty));
        assert_eq!(Sku::parse(&"X".repeat(51)), Err(SkuError::TooLong));
        assert_eq!(Sku::parse("A\u{0}B"), Err(SkuError::ControlChar));
    }

    #[test]
    fn blank_category_is_uncategorized() {
        assert_eq!(Category::new("  ").as_str(), "Uncategorized");
        assert_eq!(Category::new(" Dairy ").as_str(), "Dairy");
    }
}
