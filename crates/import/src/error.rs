//! File-level errors (the upload as a whole is refused) and row errors (one cell of one row).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Why a whole file cannot be imported. Each variant has a stable [`FileError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file has more than the limit of {limit} data rows")]
    TooManyRows { limit: usize },
    #[error(
        "the archive would inflate to more than {limit} bytes (declared {declared}); refused as a possible zip bomb"
    )]
    DecompressedTooLarge { declared: u64, limit: u64 },
    #[error("unsupported file type ({detected}): upload .xlsx, .xls, .ods or .csv")]
    UnsupportedFormat { detected: String },
    #[error("the workbook is password-protected or encrypted: remove the password and upload it again")]
    Encrypted,
    #[error("the file could not be read as {format}: {reason}")]
    Unreadable { format: String, reason: String },
    #[error("no sheet named {requested:?}; the workbook has: {}", available.join(", "))]
    SheetNotFound { requested: String, available: Vec<String> },
    #[error("the workbook has no visible worksheet")]
    NoVisibleSheet,
    #[error("the file has no header row")]
    NoHeader,
    #[error("the file has a header but no data rows")]
    NoRows,
    #[error("missing required columns: {}", missing.join(", "))]
    MissingColumns { missing: Vec<String>, found: Vec<String> },
    #[error("columns {first:?} and {second:?} both mean {field}; keep one")]
    DuplicateColumn { field: String, first: String, second: String },
    #[error("dates like {example:?} (row {row}) read both as day/month and month/day: pass date_format (dmy or mdy)")]
    AmbiguousDates { example: String, row: u32 },
    #[error("the date column mixes day/month (row {day_first_row}) and month/day (row {month_first_row}) orders")]
    MixedDateFormats { day_first_row: u32, month_first_row: u32 },
    #[error("invalid option {name}: {reason}")]
    InvalidOption { name: String, reason: String },
}

impl FileError {
    /// The stable machine-readable code of this error (also the API's `code`).
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty_file",
            Self::TooLarge { .. } => "file_too_large",
            Self::TooManyRows { .. } => "too_many_rows",
            Self::DecompressedTooLarge { .. } => "decompressed_too_large",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::Encrypted => "encrypted_workbook",
            Self::Unreadable { .. } => "unreadable_file",
            Self::SheetNotFound { .. } => "sheet_not_found",
            Self::NoVisibleSheet => "no_visible_sheet",
            Self::NoHeader => "no_header",
            Self::NoRows => "no_rows",
            Self::MissingColumns { .. } => "missing_columns",
            Self::DuplicateColumn { .. } => "duplicate_column",
            Self::AmbiguousDates { .. } => "ambiguous_date_format",
            Self::MixedDateFormats { .. } => "mixed_date_formats",
            Self::InvalidOption { .. } => "invalid_option",
        }
    }
}

/// What is wrong with one cell (or one row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowErrorCode {
    /// A required value is empty.
    Required,
    /// Not a number.
    InvalidNumber,
    /// Quantity zero or negative.
    NotPositive,
    /// More decimals than can be kept exactly (3 for quantities, 4 for prices).
    TooPrecise,
    /// A fractional quantity where only whole units are accepted.
    FractionalQuantity,
    /// A negative unit price.
    NegativePrice,
    /// Not a date in the accepted formats, or not a real day.
    InvalidDate,
    /// A sale date after "today".
    FutureDate,
    /// The product id is not a whole number.
    InvalidProductId,
    /// No catalogue product matches.
    UnknownProduct,
    /// Several catalogue products have this name.
    AmbiguousProduct,
    /// The id and the sku name different products.
    ProductMismatch,
    /// The cell shows a spreadsheet error such as `#DIV/0!`.
    CellError,
    /// The cell is part of a merged range.
    MergedCell,
    /// Same product, date, quantity and price as an earlier row.
    DuplicateRow,
}

impl RowErrorCode {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::InvalidNumber => "invalid_number",
            Self::NotPositive => "not_positive",
            Self::TooPrecise => "too_precise",
            Self::FractionalQuantity => "fractional_quantity",
            Self::NegativePrice => "negative_price",
            Self::InvalidDate => "invalid_date",
            Self::FutureDate => "future_date",
            Self::InvalidProductId => "invalid_product_id",
            Self::UnknownProduct => "unknown_product",
            Self::AmbiguousProduct => "ambiguous_product",
            Self::ProductMismatch => "product_mismatch",
            Self::CellError => "cell_error",
            Self::MergedCell => "merged_cell",
            Self::DuplicateRow => "duplicate_row",
        }
    }
}

/// One problem of one row, with the row number the spreadsheet shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: u32,
    /// The canonical field (`quantity`, `sale_date`…, or `product_id / sku / name`).
    pub field: Cow<'static, str>,
    pub code: RowErrorCode,
    pub message: String,
}
