//! The checks of one data row, each cell on its own so that every problem of the row is listed.

use std::borrow::Cow;

use domain::{Money, Quantity};

use super::{Pending, Validator};
use crate::catalog::NameMatch;
use crate::cell::Cell;
use crate::dates;
use crate::headers::ColumnMap;
use crate::numbers::{self, NumberError};
use crate::{Field, RowErrorCode as Code};

const PRODUCT: &str = "product_id / sku / name";
static EMPTY: Cell<'static> = Cell::Empty;

impl Validator<'_> {
    pub(super) fn data_row(&mut self, columns: &ColumnMap, number: u32, cells: &[Cell<'_>]) {
        let errors_before = self.errors.len();
        let id = self.usable(columns, cells, number, Field::ProductId);
        let sku = self.usable(columns, cells, number, Field::Sku);
        let name = self.usable(columns, cells, number, Field::Name);
        let product = self.product(number, id, sku, name);
        let quantity = self.usable(columns, cells, number, Field::Quantity).and_then(|c| self.quantity(number, c));
        let price = self.usable(columns, cells, number, Field::UnitPrice).and_then(|c| self.price(number, c));
        let date = self.usable(columns, cells, number, Field::SaleDate).and_then(|c| self.date(number, c));
        let ok = self.errors.len() == errors_before;
        self.pending.push(Pending {
            row: number,
            product,
            quantity: quantity.unwrap_or(Quantity::ZERO),
            price: price.flatten(),
            date,
            resolved: None,
            ok,
        });
    }

    /// The cell of `field`, unless the file has no such column, or the cell shows a spreadsheet
    /// error (#DIV/0!) or lies in a merged range: those are reported here, instead of a second,
    /// misleading "not a number".
    fn usable<'c>(
        &mut self,
        columns: &ColumnMap,
        cells: &'c [Cell<'c>],
        number: u32,
        field: Field,
    ) -> Option<&'c Cell<'c>> {
        let col = columns.column(field)?;
        let value = cells.get(col).unwrap_or(&EMPTY);
        if let Cell::Error(shown) = value {
            let message = format!("the cell shows {shown}: fix the formula or type the value");
            self.error(number, field.as_str(), Code::CellError, message);
            return None;
        }
        let col = col as u32;
        if let Some(m) = self
            .merged
            .iter()
            .find(|m| (m.first_row..=m.last_row).contains(&number) && (m.first_col..=m.last_col).contains(&col))
        {
            let message = format!(
                "the cell is part of a merged range (rows {}-{}): unmerge it and fill every row",
                m.first_row, m.last_row
            );
            self.error(number, field.as_str(), Code::MergedCell, message);
            return None;
        }
        Some(value)
    }

    /// Upstream order (reference §4.3): a known id wins; else the sku (an unknown sku does not
    /// fall through to the name); else the name.
    fn product(
        &mut self,
        row: u32,
        id: Option<&Cell<'_>>,
        sku: Option<&Cell<'_>>,
        name: Option<&Cell<'_>>,
    ) -> Option<usize> {
        let text = |c: Option<&Cell<'_>>| c.map(Cell::to_text).filter(|t| !t.is_empty()).map(Cow::into_owned);
        let (sku, name) = (text(sku), text(name));
        let id_cell = id.filter(|c| !c.is_blank());
        let mut by_id = None;
        if let Some(cell) = id_cell {
            match numbers::scaled(cell, 0) {
                Ok(value) if value > 0 => by_id = self.catalog.by_id(value as u64),
                _ => {
                    let message = format!("product id {:?} is not a positive whole number", cell.to_text());
                    self.error(row, Field::ProductId.as_str(), Code::InvalidProductId, message);
                    return None;
                }
            }
        }
        if let Some(index) = by_id {
            let product = self.catalog.product(index);
            if let Some(sku) = sku.as_deref().filter(|s| !s.eq_ignore_ascii_case(product.sku().as_str())) {
                let message = format!("product id {} is {}, not sku {sku:?}", product.id(), product.sku());
                self.error(row, Field::Sku.as_str(), Code::ProductMismatch, message);
                return None;
            }
            return Some(index);
        }
        if let Some(sku) = sku {
            let found = self.catalog.by_sku(&sku, &mut self.scratch);
            if found.is_none() {
                self.error(row, Field::Sku.as_str(), Code::UnknownProduct, format!("no product has sku {sku:?}"));
            }
            return found;
        }
        if let Some(name) = name {
            return match self.catalog.by_name(&name, &mut self.scratch) {
                Some(NameMatch::One(index)) => Some(index),
                Some(NameMatch::Several) => {
                    let message = format!("several products are named {name:?}: use the sku");
                    self.error(row, Field::Name.as_str(), Code::AmbiguousProduct, message);
                    None
                }
                None => {
                    self.error(
                        row,
                        Field::Name.as_str(),
                        Code::UnknownProduct,
                        format!("no product is named {name:?}"),
                    );
                    None
                }
            };
        }
        if let Some(cell) = id_cell {
            let message = format!("no product has id {}", cell.to_text());
            self.error(row, Field::ProductId.as_str(), Code::UnknownProduct, message);
        } else {
            self.error(row, PRODUCT, Code::Required, "one of product_id, sku or name is required".to_owned());
        }
        None
    }

    fn quantity(&mut self, row: u32, cell: &Cell<'_>) -> Option<Quantity> {
        let field = Field::Quantity.as_str();
        if cell.is_blank() {
            self.error(row, field, Code::Required, "quantity is empty".to_owned());
            return None;
        }
        let milli = match numbers::scaled(cell, 3) {
            Ok(milli) => milli,
            Err(NumberError::TooPrecise) => {
                let message = format!("quantity {} has more than 3 decimals", cell.to_text());
                self.error(row, field, Code::TooPrecise, message);
                return None;
            }
            Err(NumberError::Invalid) => {
                self.error(row, field, Code::InvalidNumber, format!("quantity {:?} is not a number", cell.to_text()));
                return None;
            }
        };
        let quantity = Quantity::from_milli(milli);
        if milli <= 0 {
            self.error(row, field, Code::NotPositive, format!("quantity must be greater than 0, got {quantity}"));
            return None;
        }
        if milli % 1000 != 0 && !self.options.allow_fractional_quantities {
            let message = format!("quantity {quantity} is not a whole number; the system of record takes whole units");
            self.error(row, field, Code::FractionalQuantity, message);
            return None;
        }
        Some(quantity)
    }

    /// `Some(None)`: no price given (the catalogue price applies).
    fn price(&mut self, row: u32, cell: &Cell<'_>) -> Option<Option<Money>> {
        if cell.is_blank() {
            return Some(None);
        }
        let field = Field::UnitPrice.as_str();
        match numbers::scaled(cell, 4) {
            Ok(minor) if minor < 0 => {
                let message = format!("unit price cannot be negative, got {}", cell.to_text());
                self.error(row, field, Code::NegativePrice, message);
                None
            }
            Ok(minor) => Some(Some(Money::from_minor(minor))),
            Err(NumberError::TooPrecise) => {
                let message = format!("unit price {} has more than 4 decimals", cell.to_text());
                self.error(row, field, Code::TooPrecise, message);
                None
            }
            Err(NumberError::Invalid) => {
                let message = format!("unit price {:?} is not a number", cell.to_text());
                self.error(row, field, Code::InvalidNumber, message);
                None
            }
        }
    }

    fn date(&mut self, row: u32, cell: &Cell<'_>) -> Option<dates::RawDate> {
        let field = Field::SaleDate.as_str();
        if cell.is_blank() {
            self.error(row, field, Code::Required, "sale date is empty".to_owned());
            return None;
        }
        let Some(date) = dates::read(cell) else {
            let message = format!("{:?} is not a date (use YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY)", cell.to_text());
            self.error(row, field, Code::InvalidDate, message);
            return None;
        };
        self.evidence.observe(row, date);
        if self.ambiguous_example.is_none() && self.evidence.ambiguous == Some(row) {
            self.ambiguous_example = Some(cell.to_text().into_owned());
        }
        Some(date)
    }
}
