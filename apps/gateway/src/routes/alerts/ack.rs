//! `POST /api/v1/alerts/{id}/ack`: acknowledge an alert (idempotent).

use actix_web::{HttpResponse, web};

use super::{AlertDto, parse_id};
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// Marks the alert acknowledged by the caller; acknowledging again keeps the first record.
#[utoipa::path(post, path = "/api/v1/alerts/{id}/ack", tag = "Alerts", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the alert's id")),
    responses((status = 200, body = AlertDto), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let by = caller.principal.username.clone().unwrap_or_else(|| caller.principal.subject.clone());
    let alert = state.alerts.acknowledge(parse_id(&id)?, &by).await?;
    Ok(HttpResponse::Ok().json(AlertDto::from(&alert)))
}
