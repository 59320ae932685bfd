//! `GET /api/v1/excel/uploads/{id}`: a batch, its normalised rows and errors paged.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::BatchDto;
use super::parse_id;
use crate::auth::{Admin, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageParams {
    /// 1-based (default 1).
    page: Option<usize>,
    /// Rows and errors per page, 1–5000 (default `imports.errors_page_size`).
    per_page: Option<usize>,
}

/// Page `page` of the batch's valid rows (`preview`) and of its errors, with the counts.
#[utoipa::path(get, path = "/api/v1/excel/uploads/{id}", tag = "Import", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the batch id"), PageParams),
    responses((status = 200, body = BatchDto), (status = 404, body = crate::error::ErrorBody),
        (status = 410, body = crate::error::ErrorBody, description = "import_batch_expired")))]
pub(crate) async fn handler(
    caller: Caller<Admin>,
    id: web::Path<String>,
    params: Query<PageParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let page = params.0.page.unwrap_or(1);
    let per_page = params.0.per_page.unwrap_or(state.settings.imports.errors_page_size);
    if page == 0 || !(1..=5000).contains(&per_page) {
        let field = if page == 0 { "page" } else { "per_page" };
        return Err(ApiError::new(ErrorCode::InvalidQuery, format!("`{field}` is out of range"))
            .with_details(serde_json::json!({ "field": field })));
    }
    let batch = state.imports.get(&caller.principal, id).await?;
    let window = |len: usize| {
        let start = (page - 1).saturating_mul(per_page).min(len);
        start..(start + per_page).min(len)
    };
    let preview = &batch.report.rows[window(batch.report.rows.len())];
    let errors = &batch.report.errors[window(batch.report.errors.len())];
    Ok(HttpResponse::Ok().json(BatchDto::new(&batch, preview, errors, page, per_page)))
}
