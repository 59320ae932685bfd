//! `GET /api/v1/health/ready`: every dependency's status; 503 when a required one is down.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct DependencyStatus {
    name: &'static str,
    required: bool,
    up: bool,
    latency_ms: f64,
    error: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Readiness {
    /// `ready` or `not_ready`.
    #[schema(example = "ready")]
    status: &'static str,
    mode: &'static str,
    dependencies: Vec<DependencyStatus>,
}

/// Readiness: probes each dependency (each bounded by a timeout) concurrently.
#[utoipa::path(get, path = "/api/v1/health/ready", tag = "Health", responses(
    (status = 200, body = Readiness, description = "every required dependency is up"),
    (status = 503, body = Readiness, description = "a required dependency is down"),
))]
pub(crate) async fn handler(state: web::Data<AppState>) -> HttpResponse {
    let report = app::readiness::check_readiness(&state.adapters.dependencies).await;
    let body = Readiness {
        status: if report.ready { "ready" } else { "not_ready" },
        mode: if state.settings.is_prod() { "PROD" } else { "DEV" },
        dependencies: report
            .dependencies
            .into_iter()
            .map(|d| DependencyStatus {
                name: d.name,
                required: d.required,
                up: d.up,
                latency_ms: d.latency_ms,
                error: d.error,
            })
            .collect(),
    };
    if report.ready { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}
