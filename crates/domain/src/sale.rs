//! Sales as a compact ledger.
//!
//! Analytics scan millions of sale lines per request, so a ledger keeps every sale header in one
//! vector and every line in another, contiguous and cache-friendly, instead of a `Vec` per sale.

use std::ops::Range;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{Money, ProductId, Quantity};

/// The Java service's numeric sale id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SaleId(u64);

impl SaleId {
    #[must_use]
    pub const fn new(id: u64) -> Self {
        Self(id)
    }

    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// One line of a sale: a product, how many, at what unit price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLine {
    pub product_id: ProductId,
    pub quantity: Quantity,
    pub unit_price: Money,
}

impl SaleLine {
    #[must_use]
    pub fn subtotal(&self) -> Money {
        self.unit_price.times(self.quantity)
    }
}

/// A sale without its lines; `lines` indexes into the ledger's line vector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaleHeader {
    pub id: SaleId,
    /// Local date-time as the Java service records it (`LocalDateTime`, no zone).
    pub at: NaiveDateTime,
    /// The amount the system of record charged; may differ from Σ lines when Java rounds.
    pub total: Money,
    lines: Range<u32>,
}

/// A borrowed view of one sale in a ledger.
#[derive(Clone, Copy, Debug)]
pub struct SaleRef<'a> {
    pub header: &'a SaleHeader,
    pub lines: &'a [SaleLine],
}

/// An append-only collection of sales, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SalesLedger {
    headers: Vec<SaleHeader>,
    lines: Vec<SaleLine>,
}

/// Why a sale could not be added to a ledger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("a ledger holds at most 4 294 967 295 sale lines")]
    TooManyLines,
}

impl SalesLedger {
    #[must_use]
    pub fn builder() -> SalesLedgerBuilder {
        SalesLedgerBuilder::default()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.headers.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = SaleRef<'_>> + '_ {
        self.headers.iter().map(|header| SaleRef {
            header,
            lines: &self.lines[header.lines.start as usize..header.lines.end as usize],
        })
    }

    /// The sales whose `at` falls within `[from, to]` (inclusive), in ledger order.
    #[must_use]
    pub fn between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Self {
        let mut builder = SalesLedgerBuilder::default();
        for sale in self.iter().filter(|s| s.header.at >= from && s.header.at <= to) {
            // Cannot overflow: the result is a subset of a valid ledger.
            let _ = builder.push(sale.header.id, sale.header.at, sale.header.total, sale.lines.iter().copied());
        }
        builder.build()
    }
}

/// Builds a [`SalesLedger`] one sale at a time.
#[derive(Debug, Default)]
pub struct SalesLedgerBuilder {
    ledger: SalesLedger,
}

impl SalesLedgerBuilder {
    #[must_use]
    pub fn with_capacity(sales: usize, lines: usize) -> Self {
        Self { ledger: SalesLedger { headers: Vec::with_capacity(sales), lines: Vec::with_capacity(lines) } }
    }

    /// Appends a sale and its lines.
    ///
    /// # Errors
    /// `TooManyLines` past `u32::MAX` lines.
    pub fn push(
        &mut self,
        id: SaleId,
        at: NaiveDateTime,
        total: Money,
        lines: impl IntoIterator<Item = SaleLine>,
    ) -> Result<(), LedgerError> {
        let start = u32::try_from(self.ledger.lines.len()).map_err(|_| LedgerError::TooManyLines)?;
        self.ledger.lines.extend(lines);
        let end = u32::try_from(self.ledger.lines.len()).map_err(|_| LedgerError::TooManyLines)?;
        self.ledger.headers.push(SaleHeader { id, at, total, lines: start..end });
        Ok(())
    }

    #[must_use]
    pub fn build(self) -> SalesLedger {
        self.ledger
    }
}

/// A sale to be recorded by the system of record (an imported row, for instance).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewSale {
    /// When it happened; `None` lets the system of record use "now".
    pub at: Option<NaiveDateTime>,
    pub lines: Vec<NewSaleLine>,
}

/// One line of a [`NewSale`]. Java resolves the product by id, else by sku.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewSaleLine {
    pub product_id: ProductId,
    pub sku: Option<crate::Sku>,
    pub quantity: Quantity,
    /// The price charged; `None` means the catalogue price.
    pub unit_price: Option<Money>,
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 12, day).unwrap().and_hms_opt(10, 0, 0).unwrap()
    }

    fn line(pid: u64, units: i64, cents: i64) -> SaleLine {
        SaleLine {
            product_id: ProductId::new(pid),
            quantity: Quantity::from_units(units),
            unit_price: Money::from_cents(cents),
        }
    }

    #[test]
    fn keeps_lines_with_their_sale_and_filters_by_time() {
        let mut b = SalesLedger::builder();
        b.push(SaleId::new(1), at(5), Money::from_cents(720), [line(2, 4, 180)]).unwrap();
        b.push(SaleId::new(2), at(10), Money::from_cents(1500), [line(1, 6, 250), line(2, 0, 180)]).unwrap();
        let ledger = b.build();
        assert_eq!((ledger.len(), ledger.line_count()), (2, 3));
        let second = ledger.iter().nth(1).unwrap();
        assert_eq!(second.lines.len(), 2);
        assert_eq!(second.lines[0].subtotal(), Money::from_cents(1500));
        let only_first = ledger.between(at(1), at(6));
        assert_eq!(only_first.len(), 1);
        assert_eq!(only_first.iter().next().unwrap().lines, &[line(2, 4, 180)]);
    }
}
