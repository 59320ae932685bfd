//! `GET /api/v1/alerts/{id}`.

use actix_web::{HttpResponse, web};

use super::{AlertDto, parse_id};
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// One alert.
#[utoipa::path(get, path = "/api/v1/alerts/{id}", tag = "Alerts", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the alert's id")),
    responses((status = 200, body = AlertDto), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let alert = state.alerts.get(parse_id(&id)?).await?;
    Ok(HttpResponse::Ok().json(AlertDto::from(&alert)))
}
