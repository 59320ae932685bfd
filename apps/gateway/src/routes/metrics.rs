//! `GET /metrics`: Prometheus text exposition.

use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// Requests by route and status, latency histograms, and the adapters' own counters.
#[utoipa::path(get, path = "/metrics", tag = "Operations", responses((status = 200, content_type = "text/plain", body = String)))]
pub(crate) async fn handler(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(state.metrics.render())
}
