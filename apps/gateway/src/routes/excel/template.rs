//! `GET /api/v1/excel/template`: an `.xlsx` to fill in — the headers, an example row, data
//! validation on quantity and date, and an instructions sheet.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Format, Workbook, XlsxError};

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

const HEADERS: [&str; 5] = ["sku", "name", "quantity", "sale_date", "unit_price"];
const INSTRUCTIONS: &[&str] = &[
    "How to fill in the Sales sheet",
    "",
    "One row per sale line. Row 1 holds the headers; keep them (French names such as quantité, prix, date de vente also work).",
    "sku or name: the product. The sku wins when both are given; a product_id column is also accepted.",
    "quantity: greater than 0. Whole units unless the server allows decimals; a decimal comma (2,5) is fine.",
    "sale_date: YYYY-MM-DD (or a date cell). DD/MM/YYYY and MM/DD/YYYY are read when the column is unambiguous, or pick the format when uploading.",
    "unit_price: optional; empty means the catalogue price.",
    "Do not merge cells; formulas are read as their displayed value, and a cell showing #DIV/0! is an error.",
    "Upload: nothing is recorded until you commit, and every row error is listed with its row number.",
];

fn build(max_rows: u32) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet().set_name("Sales")?;
    for (col, title) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, title, &bold)?;
    }
    sheet.write_string(1, 0, "MILK-001")?;
    sheet.write_string(1, 1, "Milk")?;
    sheet.write_number(1, 2, 3)?;
    sheet.write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2025, 3, 1)?, &date)?;
    sheet.write_number(1, 4, 1.2)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(3, 12)?;
    sheet.set_freeze_panes(1, 0)?;
    let quantity = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThan(0.0))
        .set_input_title("Quantity")?
        .set_input_message("A number greater than 0")?
        .set_error_message("The quantity must be a number greater than 0.")?;
    sheet.add_data_validation(1, 2, max_rows, 2, &quantity)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_input_title("Sale date")?
        .set_input_message("A date, e.g. 2025-03-01")?
        .set_error_message("Enter a real date (YYYY-MM-DD).")?;
    sheet.add_data_validation(1, 3, max_rows, 3, &dates)?;
    let help = book.add_worksheet().set_name("Instructions")?;
    help.set_column_width(0, 120)?;
    for (row, line) in (0u32..).zip(INSTRUCTIONS) {
        if row == 0 {
            help.write_string_with_format(row, 0, *line, &bold)?
        } else {
            help.write_string(row, 0, *line)?
        };
    }
    book.save_to_buffer()
}

/// The template file (`salesflow-import-template.xlsx`).
#[utoipa::path(get, path = "/api/v1/excel/template", tag = "Import", security(("bearer_auth" = [])),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        description = "the XLSX template")))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let rows = u32::try_from(state.settings.imports.max_rows).unwrap_or(u32::MAX).min(1_048_575);
    let bytes = web::block(move || build(rows)).await.map_err(ApiError::internal)?.map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"salesflow-import-template.xlsx\""))
        .body(bytes))
}
