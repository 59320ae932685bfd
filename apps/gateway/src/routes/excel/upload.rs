//! `POST /api/v1/excel/uploads`: upload a spreadsheet, validate every row, keep it as a batch.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use app::UploadRequest;

use super::dto::BatchDto;
use super::multipart;
use crate::auth::{Admin, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// The multipart form (documentation only: the body is streamed, not deserialised).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub(crate) struct UploadForm {
    /// `.xlsx`, `.xls`, `.ods` or `.csv` (the content decides, not the name).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Worksheet name; default: the first visible one.
    sheet: Option<String>,
    /// `iso`, `dmy` or `mdy`; default: detected over the whole column.
    date_format: Option<String>,
}

/// Parses and validates the file; answers the batch with its first preview rows and **every**
/// row error. Nothing is recorded until the batch is committed.
#[utoipa::path(post, path = "/api/v1/excel/uploads", tag = "Import", security(("bearer_auth" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = BatchDto),
        (status = 400, body = crate::error::ErrorBody, description = "empty_file, missing_file, invalid_option"),
        (status = 413, body = crate::error::ErrorBody, description = "file_too_large, too_many_rows, decompressed_too_large"),
        (status = 415, body = crate::error::ErrorBody, description = "unsupported_format"),
        (status = 422, body = crate::error::ErrorBody, description = "encrypted_workbook, missing_columns, sheet_not_found, ambiguous_date_format…"),
    ))]
pub(crate) async fn handler(
    caller: Caller<Admin>,
    form: Multipart,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let settings = &state.settings.imports;
    let upload = multipart::read(form, settings.max_bytes).await?;
    let request = UploadRequest { file_name: upload.file_name, sheet: upload.sheet, date_format: upload.date_format };
    let prepared = state.imports.prepare(&caller.principal, request).await?;
    let bytes = upload.bytes;
    let (prepared, parsed) = web::block(move || {
        let parsed = prepared.parse(&bytes);
        (prepared, parsed)
    })
    .await
    .map_err(ApiError::internal)?;
    let report = parsed.map_err(app::ImportError::File)?;
    let batch = state.imports.store(&caller.principal, prepared, report).await?;
    let preview = &batch.report.rows[..batch.report.rows.len().min(settings.preview_rows)];
    let errors = &batch.report.errors;
    Ok(HttpResponse::Created().json(BatchDto::new(&batch, preview, errors, 1, errors.len().max(1))))
}
