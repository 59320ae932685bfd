//! CSV downloads: RFC 4180 via the `csv` crate, with text cells guarded against formula
//! injection (a spreadsheet would execute `=HYPERLINK(...)` typed into a product name).

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::error::ApiError;

/// Text from data that a spreadsheet would read as a formula gets a leading apostrophe.
#[must_use]
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

/// Negotiation: `format=csv`, or no `format` and an `Accept` header asking for CSV.
#[must_use]
pub(crate) fn wanted(format: Option<&str>, req: &actix_web::HttpRequest) -> bool {
    match format {
        Some(f) => f.eq_ignore_ascii_case("csv"),
        None => req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/csv")),
    }
}

/// A CSV attachment from a header row and data rows.
pub(crate) fn response(
    filename: &str,
    header_row: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<HttpResponse, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header_row).map_err(ApiError::internal)?;
    for row in rows {
        writer.write_record(&row).map_err(ApiError::internal)?;
    }
    let body = writer.into_inner().map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_plain_text_is_kept() {
        assert_eq!(text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Milk, 1L \"fresh\""), "Milk, 1L \"fresh\"");
    }
}
