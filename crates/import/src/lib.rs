//! The sales import pipeline's pure core: from the bytes of an uploaded `.xlsx`, `.xls`, `.ods` or
//! `.csv` file and the product catalogue to normalised sales and row-by-row errors.
//!
//! Steps: [`detect`] the format by content (magic bytes, zip directory, encryption markers) and
//! enforce the byte and decompression limits before any parser inflates anything; read rows
//! ([`workbook`] through calamine's streaming cell reader where it has one, [`text`] for CSV with
//! encoding and delimiter sniffing); map headers ([`headers`]: case, spaces, accents, synonyms);
//! validate each row ([`validate`]: product by id, sku or name in the upstream order, exact decimal
//! quantities, dates, prices, in-file duplicates).
//!
//! No IO, no async, no clock: "today" arrives in [`ImportOptions`]. Every input, however broken,
//! ends in an [`ImportReport`] or a [`FileError`] with a stable code, never a panic (a fuzz target
//! exercises that).

mod catalog;
pub mod cell;
pub mod dates;
pub mod detect;
mod error;
pub mod headers;
mod numbers;
mod ods_merged;
mod options;
mod report;
pub mod text;
pub mod validate;
pub mod workbook;

pub use catalog::Catalog;
pub use dates::DateFormat;
pub use detect::Format;
pub use error::{FileError, RowError, RowErrorCode};
pub use headers::Field;
pub use options::{ImportOptions, Limits};
pub use report::{ImportReport, ImportRow};

/// Runs the whole pipeline over one uploaded file.
///
/// # Errors
/// A [`FileError`] when the file as a whole cannot be imported (empty, wrong type, encrypted, over
/// a limit, unknown sheet, missing columns…). Problems of single rows are not errors here: they are
/// listed in [`ImportReport::errors`].
pub fn import(bytes: &[u8], options: &ImportOptions, catalog: &Catalog) -> Result<ImportReport, FileError> {
    if bytes.len() as u64 > options.limits.max_bytes {
        return Err(FileError::TooLarge { limit: options.limits.max_bytes });
    }
    let format = detect::detect(bytes, &options.limits)?;
    let mut validator = validate::Validator::new(options, catalog);
    let sheet = match format {
        Format::Csv => {
            text::read(bytes, &mut validator)?;
            None
        }
        Format::Xlsx | Format::Xls | Format::Ods => {
            // calamine 0.38 panics on some damaged files (e.g. an out-of-range slice in its OLE
            // reader, cfb.rs:320): a damaged upload must be a 4xx, not a dead worker thread.
            let read = || workbook::read(bytes, format, options.sheet.as_deref(), &mut validator);
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
                Ok(sheet) => Some(sheet?),
                Err(_) => {
                    return Err(FileError::Unreadable {
                        format: format.as_str().to_owned(),
                        reason: "the file is damaged: the spreadsheet reader could not make sense of it".to_owned(),
                    });
                }
            }
        }
    };
    validator.finish(format, sheet)
}
