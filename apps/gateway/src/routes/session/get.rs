//! `GET /api/v1/session`: what the dashboard needs before it draws anything.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::SessionDto;
use crate::auth;
use crate::state::AppState;

/// The caller's session (never a 401: an anonymous caller gets `authenticated: false` and the
/// reason), the shop's locale and currency, and which optional features this server has.
#[utoipa::path(get, path = "/api/v1/session", tag = "Auth", responses((status = 200, body = SessionDto)))]
pub(crate) async fn handler(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let outcome = auth::authenticate(&req, &state);
    HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(SessionDto::new(&req, &state, outcome))
}
