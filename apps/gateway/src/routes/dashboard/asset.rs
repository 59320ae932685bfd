//! `GET /assets/{version}/{path}`: one of the dashboard's files.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::ApiError;
use crate::state::AppState;

/// A file under the current version is immutable (its URL changes with its content); under any
/// other version (a page loaded before an upgrade) it is served but not cached.
pub(crate) async fn handler(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let (version, file) = path.into_inner();
    let dashboard = &state.dashboard;
    let asset = dashboard
        .file(&file)
        .filter(|_| state.settings.dashboard.enabled)
        .ok_or_else(|| ApiError::not_found(format!("no dashboard file {file}")))?;
    let cache = if version == dashboard.version { "public, max-age=31536000, immutable" } else { "no-cache" };
    Ok(super::send(&req, asset, cache))
}
