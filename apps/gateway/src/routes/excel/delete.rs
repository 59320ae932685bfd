//! `DELETE /api/v1/excel/uploads/{id}`: discard a batch.

use actix_web::{HttpResponse, web};

use super::parse_id;
use crate::auth::{Admin, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// Forgets the batch; sales it already committed stay in the system of record.
#[utoipa::path(delete, path = "/api/v1/excel/uploads/{id}", tag = "Import", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the batch id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<Admin>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.imports.discard(&caller.principal, parse_id(&id)?).await?;
    Ok(HttpResponse::NoContent().finish())
}
