//! `POST /api/v1/admin/cache/invalidate`: drop cached values of one scope, or all.

use actix_web::{HttpResponse, web};
use app::CacheScope;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{Admin, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InvalidateRequest {
    /// `analytics`, `ml` or `reports`; omitted or null = every scope.
    #[schema(example = "analytics")]
    scope: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct InvalidateResponse {
    scope: Option<&'static str>,
    removed: u64,
}

/// Removes cached values so the next request recomputes them from the source.
#[utoipa::path(post, path = "/api/v1/admin/cache/invalidate", tag = "Operations", security(("bearer_auth" = [])),
    request_body = InvalidateRequest,
    responses(
        (status = 200, body = InvalidateResponse),
        (status = 400, body = crate::error::ErrorBody, description = "malformed JSON"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody, description = "unknown scope or field"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<Admin>,
    state: web::Data<AppState>,
    body: web::Json<InvalidateRequest>,
) -> Result<HttpResponse, ApiError> {
    let scope = match body.into_inner().scope.as_deref() {
        None => None,
        Some(raw) => Some(CacheScope::parse(raw).map_err(|e| {
            ApiError::new(ErrorCode::InvalidBody, e.to_string()).with_details(json!({ "field": "scope" }))
        })?),
    };
    let removed = app::invalidate_cache::invalidate_cache(state.adapters.cache.as_ref(), scope).await.map_err(|e| {
        ApiError::new(ErrorCode::CacheUnavailable, "the cache backend is unavailable")
            .with_details(json!({ "reason": e.to_string() }))
    })?;
    Ok(HttpResponse::Ok().json(InvalidateResponse { scope: scope.map(CacheScope::as_str), removed }))
}
