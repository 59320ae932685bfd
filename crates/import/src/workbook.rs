//! Workbooks through calamine: `.xlsx` streamed cell by cell (memory follows the used cells, not
//! the sheet's declared dimension), `.xls` and `.ods` through their ranges. The sheet is the one
//! named by the caller, else the first visible worksheet. Merged ranges come from calamine for
//! `.xlsx`/`.xls` and from `ods_merged` (a scan of `content.xml`) for `.ods`.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Sheet, SheetType, SheetVisible, Xls, Xlsx};

use crate::cell::Cell;
use crate::validate::{Merged, Validator};
use crate::{FileError, Format};

/// Reads the chosen sheet of a workbook into `validator`; returns the sheet's name.
///
/// # Errors
/// `Encrypted`, `Unreadable`, `SheetNotFound`, `NoVisibleSheet`, or what the validator returns.
pub fn read(
    bytes: &[u8],
    format: Format,
    sheet: Option<&str>,
    validator: &mut Validator<'_>,
) -> Result<String, FileError> {
    match format {
        Format::Xlsx => {
            let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| failed(format, &e))?;
            let name = choose(book.sheets_metadata(), sheet)?;
            let merged = book.merge_cells_by_sheet_name(&name).map_err(|e| failed(format, &e))?;
            validator.set_merged(merged.iter().map(to_merged).collect());
            stream_xlsx(&mut book, &name, validator)?;
            Ok(name)
        }
        Format::Xls => {
            let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| failed(format, &e))?;
            let name = choose(book.sheets_metadata(), sheet)?;
            let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            validator.set_merged(merged.iter().map(to_merged).collect());
            let range = book.worksheet_range(&name).map_err(|e| failed(format, &e))?;
            push_range(&range, validator)?;
            Ok(name)
        }
        Format::Ods => {
            let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| failed(format, &e))?;
            let name = choose(book.sheets_metadata(), sheet)?;
            validator.set_merged(crate::ods_merged::merged(bytes, &name));
            let range = book.worksheet_range(&name).map_err(|e| failed(format, &e))?;
            push_range(&range, validator)?;
            Ok(name)
        }
        Format::Csv => Err(FileError::UnsupportedFormat { detected: "csv".to_owned() }),
    }
}

/// calamine reports a password through its own error enums; their text says so.
fn failed(format: Format, error: &dyn Display) -> FileError {
    let reason = error.to_string();
    if reason.contains("password protected") {
        return FileError::Encrypted;
    }
    FileError::Unreadable { format: format.as_str().to_owned(), reason }
}

fn choose(sheets: &[Sheet], requested: Option<&str>) -> Result<String, FileError> {
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    match requested.map(str::trim).filter(|r| !r.is_empty()) {
        Some(wanted) => worksheets()
            .find(|s| {
                s.name.trim().eq_ignore_ascii_case(wanted) || s.name.trim().to_lowercase() == wanted.to_lowercase()
            })
            .map(|s| s.name.clone())
            .ok_or_else(|| FileError::SheetNotFound {
                requested: wanted.to_owned(),
                available: worksheets().map(|s| s.name.clone()).collect(),
            }),
        None => worksheets()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or(FileError::NoVisibleSheet),
    }
}

fn to_merged(d: &Dimensions) -> Merged {
    Merged { first_row: d.start.0 + 1, last_row: d.end.0 + 1, first_col: d.start.1, last_col: d.end.1 }
}

fn stream_xlsx(book: &mut Xlsx<Cursor<&[u8]>>, name: &str, validator: &mut Validator<'_>) -> Result<(), FileError> {
    let max_columns = validator.max_columns();
    let mut reader = book.worksheet_cells_reader(name).map_err(|e| failed(Format::Xlsx, &e))?;
    let mut row: Vec<Cell<'_>> = Vec::new();
    let mut current: Option<u32> = None;
    while let Some(cell) = reader.next_cell().map_err(|e| failed(Format::Xlsx, &e))? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(done) = current {
                validator.row(done.saturating_add(1), &row)?;
            }
            row.clear();
            current = Some(r);
        }
        let c = c as usize;
        if c >= max_columns {
            continue;
        }
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = from_ref(cell.get_value());
    }
    if let Some(done) = current {
        validator.row(done.saturating_add(1), &row)?;
    }
    Ok(())
}

fn push_range(range: &calamine::Range<Data>, validator: &mut Validator<'_>) -> Result<(), FileError> {
    let Some((first_row, first_col)) = range.start() else { return Ok(()) };
    let max_columns = validator.max_columns();
    let pad = (first_col as usize).min(max_columns);
    let mut row: Vec<Cell<'_>> = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        row.clear();
        row.resize(pad, Cell::Empty);
        row.extend(cells.iter().take(max_columns - pad).map(from_data));
        let number = first_row.saturating_add(u32::try_from(index).unwrap_or(u32::MAX)).saturating_add(1);
        validator.row(number, &row)?;
    }
    Ok(())
}

fn from_ref<'a>(value: &DataRef<'a>) -> Cell<'a> {
    match value {
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(Cow::Owned(s.clone())),
        DataRef::SharedString(s) => Cell::Text(Cow::Borrowed(s)),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => {
            dt.as_datetime().filter(|_| dt.is_datetime()).map_or(Cell::Float(dt.as_f64()), Cell::DateTime)
        }
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data) -> Cell<'_> {
    match value {
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(Cow::Borrowed(s)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            dt.as_datetime().filter(|_| dt.is_datetime()).map_or(Cell::Float(dt.as_f64()), Cell::DateTime)
        }
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}
