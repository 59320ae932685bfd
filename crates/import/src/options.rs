//! What the caller decides: limits, sheet, date order, whether fractional quantities are accepted,
//! and "today".

use chrono::NaiveDate;

use crate::DateFormat;

/// Size limits, checked before and while parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted upload.
    pub max_bytes: u64,
    /// Most data rows (the header and blank rows not counted).
    pub max_rows: usize,
    /// Largest total the zip central directory may declare for an `.xlsx`/`.ods` once inflated.
    pub max_uncompressed_bytes: u64,
    /// Most entries in a zip container.
    pub max_zip_entries: usize,
    /// Columns past this one are ignored (a sheet can declare 16 384).
    pub max_columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_rows: 200_000,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_columns: 256,
        }
    }
}

/// Options of one import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub limits: Limits,
    /// Sheet name (case-insensitive); `None` = the first visible worksheet.
    pub sheet: Option<String>,
    /// Order of slashed dates; `None` = sniffed over the whole column.
    pub date_format: Option<DateFormat>,
    /// Whether quantities such as 2.5 are accepted. Java's `/sales/bulk` takes whole units only.
    pub allow_fractional_quantities: bool,
    /// Sale dates after this day are errors; `None` = no check.
    pub today: Option<NaiveDate>,
}
