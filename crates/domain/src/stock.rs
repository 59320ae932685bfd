//! Stock status classification (reference §3.3, with its unreachable dead-stock rule fixed).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Quantity;

/// Where a product stands, evaluated in this order: out, low, dead, ok.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StockStatus {
    Ok,
    LowStock,
    OutOfStock,
    DeadStock,
}

/// What the classifier needs to know about a product's recent sales.
#[derive(Clone, Copy, Debug)]
pub struct SalesRecency {
    /// The last day the product sold, if it sold within the observed history.
    pub last_sale: Option<NaiveDate>,
    /// The first day of the observed history.
    pub observed_since: NaiveDate,
    /// Today, in the shop's time zone.
    pub today: NaiveDate,
}

impl StockStatus {
    /// Out of stock at ≤ 0; low below `max(threshold, 1)` (strict, as Java's own query); dead when
    /// stock is on the shelf and nothing sold for `dead_after_days` — including a product that
    /// never sold in a history at least that long, which the upstream wrongly called OK.
    #[must_use]
    pub fn classify(stock: Quantity, threshold: Quantity, recency: SalesRecency, dead_after_days: u32) -> Self {
        if stock.milli() <= 0 {
            return Self::OutOfStock;
        }
        if stock < threshold.max(Quantity::from_units(1)) {
            return Self::LowStock;
        }
        let idle_since = recency.last_sale.unwrap_or(recency.observed_since);
        let idle_days = (recency.today - idle_since).num_days();
        if idle_days >= i64::from(dead_after_days) {
            return Self::DeadStock;
        }
        Self::Ok
    }

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "OK",
            Self::LowStock => "LOW_STOCK",
            Self::OutOfStock => "OUT_OF_STOCK",
            Self::DeadStock => "DEAD_STOCK",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
    }

    fn recency(last: Option<u32>) -> SalesRecency {
        SalesRecency { last_sale: last.map(day), observed_since: day(0), today: day(200) }
    }

    #[test]
    fn classifies_in_the_documented_order() {
        let q = Quantity::from_units;
        assert_eq!(StockStatus::classify(q(0), q(10), recency(Some(199)), 90), StockStatus::OutOfStock);
        assert_eq!(StockStatus::classify(q(9), q(10), recency(Some(1)), 90), StockStatus::LowStock);
        assert_eq!(StockStatus::classify(q(10), q(10), recency(Some(199)), 90), StockStatus::Ok);
        assert_eq!(StockStatus::classify(q(10), q(10), recency(Some(110)), 90), StockStatus::DeadStock);
        assert_eq!(StockStatus::classify(q(10), q(10), recency(Some(111)), 90), StockStatus::Ok);
        assert_eq!(StockStatus::classify(q(10), q(10), recency(None), 90), StockStatus::DeadStock);
        // A threshold of 0 still means "below one unit is low".
        assert_eq!(
            StockStatus::classify(Quantity::from_milli(500), q(0), recency(Some(199)), 90),
            StockStatus::LowStock
        );
    }
}
