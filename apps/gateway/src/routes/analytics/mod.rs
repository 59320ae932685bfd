//! The analytics routes (upstream paths and field names kept).

pub(crate) mod sales;
mod sales_dto;
pub(crate) mod stock;
pub(crate) mod stock_alerts;
mod stock_dto;

/// Rounded to `places` decimals for display, as the upstream did.
fn round(value: f64, places: i32) -> f64 {
    let factor = 10_f64.powi(places);
    (value * factor).round() / factor
}

/// `json` (default) or `csv`.
fn check_format(format: Option<&str>) -> Result<(), crate::error::ApiError> {
    match format {
        None => Ok(()),
        Some(f) if f.eq_ignore_ascii_case("json") || f.eq_ignore_ascii_case("csv") => Ok(()),
        Some(f) => Err(crate::error::ApiError::new(
            crate::error::ErrorCode::InvalidQuery,
            format!("unknown format {f:?}: json or csv"),
        )
        .with_details(serde_json::json!({ "field": "format" }))),
    }
}
