//! `GET /` and the other page paths: the app's `index.html` (its router draws the page).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::state::AppState;

/// The dashboard, or the API documentation when `dashboard.enabled` is false.
pub(crate) async fn handler(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    if !state.settings.dashboard.enabled {
        return HttpResponse::TemporaryRedirect().insert_header((header::LOCATION, "/docs/")).finish();
    }
    // Revalidated every time (cheap: 304 with the ETag), so a new build shows at once.
    super::send(&req, &state.dashboard.index, "no-cache")
}
