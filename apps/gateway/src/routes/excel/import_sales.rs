//! `POST /api/v1/excel/import-sales`: the upstream's one-step import, kept for its clients
//! (field `file`, same response shape), without its bugs: dates, prices and decimal quantities
//! are kept, limits apply, file problems are 4xx with a code, and a success is a success
//! (the upstream reported Java's plain-text answer as 502).

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use app::UploadRequest;
use ports::CommitMode;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::multipart;
use super::upload::UploadForm;
use crate::auth::{Admin, Caller};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct LegacyRowError {
    row: u32,
    field: String,
    /// The upstream's field name for the message.
    reason: String,
    code: &'static str,
}

/// `status` is `success` (everything recorded) or `failed` (nothing recorded: `errors` says why).
#[derive(Serialize, ToSchema)]
pub(crate) struct ImportSalesResponse {
    status: &'static str,
    total_rows: usize,
    valid_rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    imported: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    java_response: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<LegacyRowError>>,
}

/// All or nothing, as upstream: any invalid row → `status: failed` and nothing is sent.
#[utoipa::path(post, path = "/api/v1/excel/import-sales", tag = "Import", security(("bearer_auth" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, body = ImportSalesResponse),
        (status = 400, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody),
        (status = 415, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    caller: Caller<Admin>,
    form: Multipart,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let upload = multipart::read(form, state.settings.imports.max_bytes).await?;
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
    let (total_rows, valid_rows) = (report.total_rows, report.rows.len());
    if report.invalid_rows > 0 {
        let errors = report
            .errors
            .iter()
            .map(|e| LegacyRowError {
                row: e.row,
                field: e.field.to_string(),
                reason: e.message.clone(),
                code: e.code.as_str(),
            })
            .collect();
        let body = ImportSalesResponse {
            status: "failed",
            total_rows,
            valid_rows,
            imported: None,
            java_response: None,
            errors: Some(errors),
        };
        return Ok(HttpResponse::Ok().json(body));
    }
    let batch = state.imports.store(&caller.principal, prepared, report).await?;
    let outcome = state.imports.commit(&caller.principal, batch.id, CommitMode::AllOrNothing, None).await?;
    Ok(HttpResponse::Ok().json(ImportSalesResponse {
        status: "success",
        total_rows,
        valid_rows,
        imported: Some(outcome.newly_committed),
        java_response: Some(json!({ "message": outcome.receipt, "batch_id": batch.id.to_string() })),
        errors: None,
    }))
}
