//! What needs the whole file: the order of slashed dates, future dates, duplicates, the report.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::Validator;
use crate::dates::RawDate;
use crate::report::ColumnInfo;
use crate::{DateFormat, FileError, Format, ImportReport, ImportRow, RowError, RowErrorCode as Code};

impl Validator<'_> {
    /// Settles dates and duplicates and builds the report.
    ///
    /// # Errors
    /// `NoHeader`, `NoRows`, `AmbiguousDates` (slashed dates that read both ways and no
    /// `date_format`), `MixedDateFormats` (the column proves both orders).
    pub fn finish(mut self, format: Format, sheet: Option<String>) -> Result<ImportReport, FileError> {
        let columns = self.columns.take().ok_or(FileError::NoHeader)?;
        if self.pending.is_empty() {
            return Err(FileError::NoRows);
        }
        let date_format = self.date_order()?;
        self.resolve_dates(date_format);
        self.flag_duplicates();
        // Stable: a row's errors keep their column order.
        self.errors.sort_by_key(|e| e.row);
        let catalog = self.catalog;
        let rows: Vec<ImportRow> = self
            .pending
            .iter()
            .filter(|p| p.ok)
            .filter_map(|p| {
                let product = catalog.product(p.product?);
                Some(ImportRow {
                    row: p.row,
                    product_id: product.id(),
                    sku: product.sku().clone(),
                    name: product.name().to_owned(),
                    quantity: p.quantity,
                    sale_date: p.resolved,
                    unit_price: p.price,
                })
            })
            .collect();
        Ok(ImportReport {
            format,
            sheet,
            date_format,
            columns: columns
                .headers()
                .iter()
                .map(|(header, field)| ColumnInfo { header: header.clone(), field: *field })
                .collect(),
            total_rows: self.pending.len(),
            invalid_rows: self.pending.len() - rows.len(),
            rows,
            errors: self.errors,
        })
    }

    fn date_order(&self) -> Result<Option<DateFormat>, FileError> {
        if let Some(given) = self.options.date_format {
            return Ok(Some(given));
        }
        let slashed = self.pending.iter().any(|p| matches!(p.date, Some(RawDate::Slashed { .. })));
        match (self.evidence.day_first, self.evidence.month_first) {
            (Some(day_first_row), Some(month_first_row)) => {
                Err(FileError::MixedDateFormats { day_first_row, month_first_row })
            }
            (Some(_), None) => Ok(Some(DateFormat::Dmy)),
            (None, Some(_)) => Ok(Some(DateFormat::Mdy)),
            (None, None) => match self.evidence.ambiguous {
                Some(row) => {
                    Err(FileError::AmbiguousDates { example: self.ambiguous_example.clone().unwrap_or_default(), row })
                }
                // Only dates like 05/05/2025 remain: both orders read them the same.
                None => Ok(slashed.then_some(DateFormat::Dmy)),
            },
        }
    }

    fn resolve_dates(&mut self, format: Option<DateFormat>) {
        let today = self.options.today;
        let mut found = Vec::new();
        for pending in &mut self.pending {
            let Some(raw) = pending.date else { continue };
            match raw.resolve(format) {
                Some(at) if today.is_some_and(|t| at.date() > t) => {
                    let message = format!("sale date {} is in the future", at.date());
                    found.push((pending.row, Code::FutureDate, message));
                    pending.ok = false;
                }
                Some(at) => pending.resolved = Some(at),
                None => {
                    let RawDate::Slashed { a, b, year, .. } = raw else { continue };
                    let order = match format {
                        Some(DateFormat::Mdy) => "MM/DD/YYYY",
                        Some(DateFormat::Iso) => "YYYY-MM-DD",
                        _ => "DD/MM/YYYY",
                    };
                    let message = format!("{a:02}/{b:02}/{year} is not a valid date as {order}");
                    found.push((pending.row, Code::InvalidDate, message));
                    pending.ok = false;
                }
            }
        }
        self.errors.extend(found.into_iter().map(|(row, code, message)| RowError {
            row,
            field: Cow::Borrowed("sale_date"),
            code,
            message,
        }));
    }

    /// A row equal to an earlier valid row (product, date, quantity, price) is most often the
    /// same sale pasted twice; it is an error so that nothing is recorded twice by accident.
    fn flag_duplicates(&mut self) {
        let mut first_seen = FxHashMap::default();
        let mut found = Vec::new();
        for pending in self.pending.iter_mut().filter(|p| p.ok) {
            let key = (pending.product, pending.resolved, pending.quantity, pending.price);
            if let Some(first) = first_seen.get(&key) {
                let message = format!(
                    "same product, date, quantity and price as row {first}; if both sales are real, merge them into one row with the summed quantity"
                );
                found.push(RowError {
                    row: pending.row,
                    field: Cow::Borrowed("row"),
                    code: Code::DuplicateRow,
                    message,
                });
                pending.ok = false;
            } else {
                first_seen.insert(key, pending.row);
            }
        }
        self.errors.extend(found);
    }
}
