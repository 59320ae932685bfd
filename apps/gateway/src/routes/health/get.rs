//! `GET /api/v1/health`: liveness, with the upstream's exact body.

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::ToSchema;

/// The upstream body, kept byte for byte for existing monitors.
#[derive(Serialize, ToSchema)]
pub(crate) struct Liveness {
    #[schema(example = "ok")]
    status: &'static str,
    #[schema(example = "FastAPI Analytics")]
    service: &'static str,
    #[schema(example = "Service is running")]
    message: &'static str,
}

/// Liveness: the process answers. Checks nothing else (see `/api/v1/health/ready`).
#[utoipa::path(get, path = "/api/v1/health", tag = "Health", responses((status = 200, body = Liveness)))]
pub(crate) async fn handler() -> HttpResponse {
    HttpResponse::Ok().json(Liveness { status: "ok", service: "FastAPI Analytics", message: "Service is running" })
}
