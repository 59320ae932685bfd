//! `DELETE /api/v1/session`: sign out.

use actix_web::{HttpRequest, HttpResponse, web};
use domain::AccessToken;

use super::same_origin;
use crate::auth::cookies::{self, CookieJar};
use crate::error::ApiError;
use crate::state::AppState;

/// Revokes the refresh token at the Java service (best effort) and clears the cookies. The
/// browser forgets the session even when Java cannot be reached; the failure is logged.
#[utoipa::path(delete, path = "/api/v1/session", tag = "Auth",
    responses(
        (status = 204, description = "signed out; cookies cleared"),
        (status = 403, body = crate::error::ErrorBody, description = "`csrf_rejected`: not from our own pages"),
    ))]
pub(crate) async fn handler(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    same_origin(&req)?;
    let refresh = cookies::value(&req, cookies::REFRESH).map(AccessToken::new);
    if let Err(e) = state.sessions.logout(refresh.as_ref()).await {
        tracing::warn!(error = %e, "the refresh token could not be revoked; the cookies are cleared anyway");
    }
    let mut response = HttpResponse::NoContent();
    for cookie in CookieJar::new(&req, state.settings.dashboard.secure_cookies, None).cleared() {
        response.cookie(cookie);
    }
    Ok(response.finish())
}
