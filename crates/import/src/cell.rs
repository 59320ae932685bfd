//! One cell as the readers hand it to the validator, whatever the file format.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// A cell value. Text borrows from the file (CSV) or the workbook's shared strings when it can.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A cell the spreadsheet formats as a date (already converted from its serial number).
    DateTime(NaiveDateTime),
    /// A spreadsheet error value such as `#DIV/0!` (a formula that failed).
    Error(String),
}

impl Cell<'_> {
    /// Empty, or text made only of whitespace.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for identifiers (sku, name): numbers print without a trailing `.0`.
    #[must_use]
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Self::Empty => Cow::Borrowed(""),
            Self::Text(t) => Cow::Borrowed(t.trim()),
            Self::Int(i) => Cow::Owned(i.to_string()),
            Self::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cow::Owned(format!("{f:.0}")),
            Self::Float(f) => Cow::Owned(f.to_string()),
            Self::Bool(b) => Cow::Owned(b.to_string()),
            Self::DateTime(d) => Cow::Owned(d.to_string()),
            Self::Error(e) => Cow::Borrowed(e),
        }
    }
}
