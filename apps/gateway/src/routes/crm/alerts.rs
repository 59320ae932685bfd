//! `GET /api/v1/crm/alerts` (and `/api/alerts`): the CRM's alerts in the reference's shape.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// The last 50 CRM alerts, oldest first: `[{type, message, priority, timestamp}]` (priority
/// lower-case: `critical`, `high`, `medium`, `low`, `info`). The full records, with
/// acknowledgement, are in `GET /api/v1/alerts?source=crm`.
#[utoipa::path(get, path = "/api/v1/crm/alerts", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "`[{type, message, priority, timestamp}]`"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 503, body = crate::error::ErrorBody, description = "the alert store is unavailable"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let alerts = state.crm.alerts(50).await?;
    let body: Vec<_> = alerts
        .iter()
        .map(|a| {
            json!({
                "id": a.id.to_string(),
                "type": a.kind,
                "message": a.message,
                "priority": a.severity.as_str().to_lowercase(),
                "timestamp": a.created_at.to_rfc3339(),
                "status": a.status.as_str(),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
