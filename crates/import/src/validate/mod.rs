//! Row-by-row validation. Readers push rows in file order ([`Validator::row`]); the first
//! non-blank row is the header. [`Validator::finish`] then settles what needs the whole column
//! (the order of slashed dates) or the whole file (duplicates), and builds the report.

mod finish;
mod row;

use std::borrow::Cow;

use chrono::NaiveDateTime;
use domain::{Money, Quantity};

use crate::cell::Cell;
use crate::dates::{OrderEvidence, RawDate};
use crate::headers::{ColumnMap, HeaderProblem};
use crate::{Catalog, FileError, ImportOptions, RowError, RowErrorCode};

/// A merged range of a worksheet: spreadsheet rows (1-based, inclusive), columns (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

/// One data row as read, before the file-wide checks.
#[derive(Clone, Debug)]
struct Pending {
    row: u32,
    product: Option<usize>,
    quantity: Quantity,
    price: Option<Money>,
    date: Option<RawDate>,
    resolved: Option<NaiveDateTime>,
    ok: bool,
}

/// Validates the rows one file pushes.
#[derive(Debug)]
pub struct Validator<'a> {
    options: &'a ImportOptions,
    catalog: &'a Catalog,
    columns: Option<ColumnMap>,
    merged: Vec<Merged>,
    pending: Vec<Pending>,
    errors: Vec<RowError>,
    evidence: OrderEvidence,
    ambiguous_example: Option<String>,
    scratch: String,
}

impl<'a> Validator<'a> {
    #[must_use]
    pub fn new(options: &'a ImportOptions, catalog: &'a Catalog) -> Self {
        Self {
            options,
            catalog,
            columns: None,
            merged: Vec::new(),
            pending: Vec::new(),
            errors: Vec::new(),
            evidence: OrderEvidence::default(),
            ambiguous_example: None,
            scratch: String::new(),
        }
    }

    /// The sheet's merged ranges; data cells inside one become row errors.
    pub fn set_merged(&mut self, merged: Vec<Merged>) {
        self.merged = merged.into_iter().filter(|m| m.first_row != m.last_row || m.first_col != m.last_col).collect();
    }

    /// Columns past this index are not read.
    #[must_use]
    pub fn max_columns(&self) -> usize {
        self.options.limits.max_columns
    }

    /// Whether the header row has been seen.
    #[must_use]
    pub fn has_header(&self) -> bool {
        self.columns.is_some()
    }

    /// Pushes the row the spreadsheet numbers `number`.
    ///
    /// # Errors
    /// `MissingColumns`/`DuplicateColumn` on the header row, `TooManyRows` past the limit.
    pub fn row(&mut self, number: u32, cells: &[Cell<'_>]) -> Result<(), FileError> {
        if cells.iter().all(Cell::is_blank) {
            return Ok(());
        }
        let Some(columns) = self.columns.take() else {
            return self.header(cells);
        };
        let outcome = if self.pending.len() >= self.options.limits.max_rows {
            Err(FileError::TooManyRows { limit: self.options.limits.max_rows })
        } else {
            self.data_row(&columns, number, cells);
            Ok(())
        };
        self.columns = Some(columns);
        outcome
    }

    fn header(&mut self, cells: &[Cell<'_>]) -> Result<(), FileError> {
        let texts: Vec<Cow<'_, str>> = cells.iter().map(Cell::to_text).collect();
        match ColumnMap::from_headers(texts.iter().map(AsRef::as_ref)) {
            Ok(map) => {
                self.columns = Some(map);
                Ok(())
            }
            Err(HeaderProblem::Missing(missing)) => Err(FileError::MissingColumns {
                missing,
                found: texts.iter().filter(|t| !t.is_empty()).map(|t| t.to_string()).collect(),
            }),
            Err(HeaderProblem::Duplicate { field, first, second }) => {
                Err(FileError::DuplicateColumn { field: field.as_str().to_owned(), first, second })
            }
        }
    }

    fn error(&mut self, row: u32, field: &'static str, code: RowErrorCode, message: String) {
        self.errors.push(RowError { row, field: Cow::Borrowed(field), code, message });
    }
}
