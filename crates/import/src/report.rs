//! What an import produced: the normalised valid rows and every row error.

use chrono::NaiveDateTime;
use domain::{Money, NewSale, NewSaleLine, ProductId, Quantity, Sku};
use serde::{Deserialize, Serialize};

use crate::{DateFormat, Field, Format, RowError};

/// One valid row, normalised: the product resolved, exact quantity, optional date and price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The spreadsheet's row number.
    pub row: u32,
    pub product_id: ProductId,
    pub sku: Sku,
    pub name: String,
    pub quantity: Quantity,
    /// `None` when the file has no date column: the system of record dates the sale.
    pub sale_date: Option<NaiveDateTime>,
    /// `None` when the file has no price (or an empty cell): the catalogue price applies.
    pub unit_price: Option<Money>,
}

impl ImportRow {
    /// The sale to record: one sale per row, as the upstream did, with its date and price kept.
    #[must_use]
    pub fn to_new_sale(&self) -> NewSale {
        NewSale {
            at: self.sale_date,
            lines: vec![NewSaleLine {
                product_id: self.product_id,
                sku: Some(self.sku.clone()),
                quantity: self.quantity,
                unit_price: self.unit_price,
            }],
        }
    }
}

/// One header cell and the field it was mapped to (`None` = ignored column).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub header: String,
    pub field: Option<Field>,
}

/// The outcome of reading and validating one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub format: Format,
    /// The sheet read (workbooks only).
    pub sheet: Option<String>,
    /// The order slashed dates were read in (given or sniffed); `None` when no date needed one.
    pub date_format: Option<DateFormat>,
    pub columns: Vec<ColumnInfo>,
    /// Data rows (blank rows and the header not counted).
    pub total_rows: usize,
    /// Rows with at least one error.
    pub invalid_rows: usize,
    /// The valid rows, in file order.
    pub rows: Vec<ImportRow>,
    /// Every error, by row then column order.
    pub errors: Vec<RowError>,
}

impl ImportReport {
    #[must_use]
    pub fn valid_rows(&self) -> usize {
        self.rows.len()
    }
}
