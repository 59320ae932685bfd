//! Merged ranges of an `.ods` sheet. calamine exposes none for ODS, so `content.xml` is scanned
//! (streamed: memory stays flat whatever the sheet's size) for cells spanning rows or columns
//! (`table:number-rows-spanned`, `table:number-columns-spanned`), counting rows and columns with
//! their repeat attributes as the spreadsheet shows them.

use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::validate::Merged;

/// More merged ranges than this are not collected (each one is checked for every cell).
const MAX_RANGES: usize = 10_000;

fn number(element: &BytesStart<'_>, key: &str) -> u32 {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// Where the scan stands inside the chosen sheet.
#[derive(Default)]
struct Position {
    /// 0-based row of the row being read, and the number of rows it stands for.
    row: u32,
    repeat: u32,
    /// 0-based column of the next cell.
    col: u32,
}

impl Position {
    fn start_row(&mut self, element: &BytesStart<'_>) {
        self.col = 0;
        self.repeat = number(element, "table:number-rows-repeated").max(1);
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(self.repeat);
        self.repeat = 0;
    }

    /// A cell (covered or not); returns the range it opens, if any.
    fn cell(&mut self, element: &BytesStart<'_>, covered: bool) -> Option<Merged> {
        let first_col = self.col;
        self.col = self.col.saturating_add(number(element, "table:number-columns-repeated").max(1));
        if covered {
            return None;
        }
        let rows = number(element, "table:number-rows-spanned").max(1);
        let cols = number(element, "table:number-columns-spanned").max(1);
        (rows > 1 || cols > 1).then(|| Merged {
            first_row: self.row.saturating_add(1),
            last_row: self.row.saturating_add(rows),
            first_col,
            last_col: first_col.saturating_add(cols - 1),
        })
    }
}

/// The merged ranges of sheet `sheet` (rows 1-based, columns 0-based); empty when the file
/// cannot be scanned (calamine has read it already, so a problem here only loses the check).
#[must_use]
pub(crate) fn merged(bytes: &[u8], sheet: &str) -> Vec<Merged> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Vec::new() };
    let Ok(content) = archive.by_name("content.xml") else { return Vec::new() };
    scan(BufReader::new(content), sheet)
}

fn scan(content: impl std::io::BufRead, sheet: &str) -> Vec<Merged> {
    let mut reader = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut ranges = Vec::new();
    // Depth of `table:table` elements inside the chosen sheet (1 = the sheet itself; deeper
    // tables sit inside cells and do not count).
    let mut depth = 0_u32;
    let mut at = Position::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if depth > 0 {
                    depth += 1;
                } else if e.attributes().flatten().any(|a| {
                    a.key.as_ref() == "table:name" && quick_xml::escape::unescape(&a.value).is_ok_and(|n| n == sheet)
                }) {
                    depth = 1;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Start(e) if depth == 1 && e.name().as_ref() == "table:table-row" => at.start_row(&e),
            Event::Empty(e) if depth == 1 && e.name().as_ref() == "table:table-row" => {
                at.start_row(&e);
                at.end_row();
            }
            Event::End(e) if depth == 1 && e.name().as_ref() == "table:table-row" => at.end_row(),
            Event::Start(e) | Event::Empty(e) if depth == 1 => {
                let name = e.name();
                let covered = name.as_ref() == "table:covered-table-cell";
                if (covered || name.as_ref() == "table:table-cell")
                    && let Some(range) = at.cell(&e, covered)
                {
                    ranges.push(range);
                    if ranges.len() >= MAX_RANGES {
                        break;
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    ranges
}

/// For tests: any reader.
#[cfg(test)]
fn scan_str(xml: &str, sheet: &str) -> Vec<Merged> {
    scan(BufReader::new(xml.as_bytes()), sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_repeated_rows_and_columns_and_skips_other_sheets() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Other"><table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>
            <table:table table:name="Sales">
              <table:table-row><table:table-cell/><table:table-cell/></table:table-row>
              <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
              <table:table-row><table:table-cell/><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="1"><text:p>x</text:p></table:table-cell></table:table-row>
              <table:table-row><table:table-cell table:number-columns-repeated="3"/><table:covered-table-cell/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(scan_str(xml, "Sales"), [Merged { first_row: 4, last_row: 5, first_col: 3, last_col: 3 }]);
        assert_eq!(scan_str(xml, "Other"), [Merged { first_row: 1, last_row: 2, first_col: 0, last_col: 0 }]);
        assert!(scan_str(xml, "Missing").is_empty());
        assert!(scan_str("<not xml", "Sales").is_empty());
    }

    #[test]
    fn reads_nothing_from_bytes_that_are_not_a_zip() {
        assert!(merged(b"plain text", "Sales").is_empty());
    }
}
