//! Typed cell writing: every text goes in as a string (never a formula) and text that a
//! spreadsheet could take for a formula is defused; numbers and dates carry native formats.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use domain::report::Figure;
use umya_spreadsheet::{Pane, PaneStateValues, PaneValues, SheetView, Worksheet};

pub(crate) const MONEY: &str = "#,##0.00";
pub(crate) const UNITS: &str = "#,##0.##";
pub(crate) const COUNT: &str = "#,##0";
pub(crate) const PERCENT: &str = "0.0%";
pub(crate) const DECIMAL: &str = "0.00";
pub(crate) const DAYS: &str = "0.0";
pub(crate) const DATE: &str = "yyyy-mm-dd";
pub(crate) const DATE_TIME: &str = "yyyy-mm-dd hh:mm";

const MAX_WIDTH: usize = 50;

/// OWASP's CSV/formula-injection guard: a leading `'` makes every spreadsheet and every CSV
/// round trip keep the value as text.
#[must_use]
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Days since Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug).
fn serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - epoch).num_days() as f64
}

/// Writes one sheet, tracking column widths so they can be sized at the end.
pub(crate) struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
}

impl<'a> SheetWriter<'a> {
    pub(crate) fn new(ws: &'a mut Worksheet) -> Self {
        Self { ws, widths: Vec::new() }
    }

    pub(crate) fn sheet(&mut self) -> &mut Worksheet {
        self.ws
    }

    fn seen(&mut self, col: u32, chars: usize) {
        let i = col as usize - 1;
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 0);
        }
        self.widths[i] = self.widths[i].max(chars.min(MAX_WIDTH));
    }

    /// Text from data (names, SKUs, labels): always a string cell, defused.
    pub(crate) fn text(&mut self, col: u32, row: u32, text: &str) {
        let safe = defuse(text);
        self.seen(col, safe.chars().count());
        self.ws.cell_mut((col, row)).set_value_string(safe);
    }

    pub(crate) fn bold(&mut self, col: u32, row: u32, text: &str, size: Option<f64>) {
        self.text(col, row, text);
        let font = self.ws.style_mut((col, row)).font_mut();
        font.set_bold(true);
        if let Some(size) = size {
            font.set_size(size);
        }
    }

    pub(crate) fn number(&mut self, col: u32, row: u32, value: f64, format: &str) {
        // Widths: the formatted length is about the digits plus separators.
        self.seen(col, format!("{value:.2}").len() + 3);
        // Non-finite numbers are not valid in OOXML; an empty cell is honest.
        if value.is_finite() {
            self.ws.cell_mut((col, row)).set_value_number(value);
        }
        self.ws.style_mut((col, row)).number_format_mut().set_format_code(format);
    }

    pub(crate) fn optional(&mut self, col: u32, row: u32, value: Option<f64>, format: &str) {
        match value {
            Some(v) => self.number(col, row, v, format),
            None => self.text(col, row, "N/A"),
        }
    }

    pub(crate) fn date(&mut self, col: u32, row: u32, date: NaiveDate) {
        self.seen(col, 10);
        self.ws.cell_mut((col, row)).set_value_number(serial(date));
        self.ws.style_mut((col, row)).number_format_mut().set_format_code(DATE);
    }

    pub(crate) fn date_time(&mut self, col: u32, row: u32, at: NaiveDateTime) {
        self.seen(col, 16);
        let seconds = f64::from(at.time().num_seconds_from_midnight());
        self.ws.cell_mut((col, row)).set_value_number(serial(at.date()) + seconds / 86_400.0);
        self.ws.style_mut((col, row)).number_format_mut().set_format_code(DATE_TIME);
    }

    /// A KPI value in its native format (percentages as fractions under a `%` format).
    pub(crate) fn figure(&mut self, col: u32, row: u32, figure: &Figure) {
        match figure {
            Figure::Money(v) => self.number(col, row, *v, MONEY),
            Figure::Count(n) => self.number(col, row, *n as f64, COUNT),
            Figure::Units(v) => self.number(col, row, *v, UNITS),
            Figure::Percent(v) => self.number(col, row, v / 100.0, PERCENT),
            Figure::Decimal(v) => self.number(col, row, *v, DECIMAL),
            Figure::Days(v) => self.number(col, row, *v, DAYS),
            Figure::Text(t) => self.text(col, row, t),
            Figure::NotAvailable => self.text(col, row, "N/A"),
        }
    }

    /// A bold, shaded header row starting at column 1.
    pub(crate) fn header(&mut self, row: u32, titles: &[&str]) {
        self.header_at(1, row, titles);
    }

    pub(crate) fn header_at(&mut self, first_col: u32, row: u32, titles: &[&str]) {
        for (i, title) in (first_col..).zip(titles) {
            self.bold(i, row, title, None);
            self.ws.style_mut((i, row)).set_background_color("FFE5E7EB");
        }
    }

    /// Freezes the rows above `first_data_row` and puts an autofilter on the table.
    pub(crate) fn table(&mut self, header_row: u32, columns: u32, last_row: u32) {
        let last_col = column_name(columns);
        self.ws.set_auto_filter(format!("A{header_row}:{last_col}{}", last_row.max(header_row)));
        self.freeze_rows(header_row);
    }

    pub(crate) fn freeze_rows(&mut self, rows: u32) {
        let mut pane = Pane::default();
        pane.set_vertical_split(0.0);
        pane.set_horizontal_split(f64::from(rows));
        pane.top_left_cell_mut().set_coordinate(format!("A{}", rows + 1));
        pane.set_active_pane(PaneValues::BottomLeft);
        pane.set_state(PaneStateValues::Frozen);
        let views = self.ws.sheet_views_mut().sheet_view_list_mut();
        if views.is_empty() {
            views.push(SheetView::default());
        }
        if let Some(view) = views.first_mut() {
            view.set_pane(pane);
        }
    }

    /// Sizes every column to its longest value (+2), at most 50 characters wide.
    pub(crate) fn finish(self) {
        for (i, chars) in self.widths.iter().enumerate() {
            let width = (*chars + 2).max(8) as f64;
            self.ws.column_dimension_mut(&column_name(i as u32 + 1)).set_width(width);
        }
    }
}

/// 1 → `A`, 27 → `AA`.
#[must_use]
pub(crate) fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        name.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_defused_and_plain_text_is_not() {
        for raw in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx"] {
            assert_eq!(defuse(raw), format!("'{raw}"));
        }
        assert_eq!(defuse("Coffee = good"), "Coffee = good");
        assert_eq!(column_name(1), "A");
        assert_eq!(column_name(26), "Z");
        assert_eq!(column_name(27), "AA");
        assert_eq!(serial(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()), 46023.0);
    }
}
