//! CSV: encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), delimiter
//! (`,` `;` or tab, sniffed from the header line), quoted fields.

use std::borrow::Cow;

use crate::FileError;
use crate::cell::Cell;
use crate::validate::Validator;

/// Reads a CSV file into `validator`, one record at a time.
///
/// # Errors
/// What the validator returns (missing columns, too many rows), or `Unreadable` for a record the
/// CSV reader refuses.
pub fn read(bytes: &[u8], validator: &mut Validator<'_>) -> Result<(), FileError> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // The cells borrow the record, so the vector cannot outlive one iteration; it is recycled
    // through an empty `'static` vector (the in-place collect keeps the allocation).
    let mut spare: Vec<Cell<'static>> = Vec::new();
    let max_columns = validator.max_columns();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let mut cells: Vec<Cell<'_>> = spare.into_iter().map(|_| Cell::Empty).collect();
                cells.extend(record.iter().take(max_columns).map(|f| Cell::Text(Cow::Borrowed(f))));
                // The line where the record starts: what a text editor shows, and what a
                // spreadsheet shows unless a quoted field spans several lines.
                // (`Position::line` counts the line breaks before the record: 0-based.)
                let line = record.position().map_or(0, csv::Position::line).saturating_add(1);
                validator.row(u32::try_from(line).unwrap_or(u32::MAX), &cells)?;
                cells.clear();
                spare = cells.into_iter().map(|_| Cell::Empty).collect();
            }
            Err(error) => {
                return Err(FileError::Unreadable { format: "CSV".to_owned(), reason: error.to_string() });
            }
        }
    }
}

/// The file as text. Windows-1252 maps every byte, so anything that is not UTF-8 still reads.
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Cow::Owned(encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0.into_owned());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Cow::Owned(encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()),
    }
}

/// The delimiter seen most often outside quotes on the first non-blank line (a tie prefers `,`).
#[must_use]
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in header.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let mut best = 0;
    for index in 1..3 {
        if counts[index] > counts[best] {
            best = index;
        }
    }
    delimiters[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter("sku;quantity;\"a,b,c\"\n"), b';');
        assert_eq!(sniff_delimiter("\n\nsku\tqty\tdate\n"), b'\t');
        assert_eq!(sniff_delimiter("sku,qty\n"), b',');
        assert_eq!(sniff_delimiter("sku"), b',');
    }

    #[test]
    fn decodes_bom_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFqt\xC3\xA9"), "qté");
        assert_eq!(decode(b"qt\xE9 \x80"), "qté €");
        assert_eq!(decode(b"\xFF\xFEq\x00t\x00"), "qt");
    }
}
