//! `GET /api/v1/admin/config`: the effective configuration, secrets redacted.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::auth::{Admin, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// What this process runs with: every setting after layering (secrets shown as `[REDACTED]`)
/// and the adapter chosen for each port.
#[utoipa::path(get, path = "/api/v1/admin/config", tag = "Operations", security(("bearer_auth" = [])), responses(
    (status = 200, description = "effective settings and adapters", body = Object),
    (status = 401, body = crate::error::ErrorBody),
    (status = 403, body = crate::error::ErrorBody),
))]
pub(crate) async fn handler(_caller: Caller<Admin>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let settings = serde_json::to_value(state.settings.as_ref()).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().json(json!({ "settings": settings, "adapters": state.adapters.summary })))
}
