//! `POST /api/v1/session/refresh`: new tokens for the refresh cookie.

use actix_web::{HttpRequest, HttpResponse, web};
use domain::AccessToken;

use super::{same_origin, signed_in};
use crate::auth::cookies::{self, CookieJar};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Exchanges the refresh cookie for new tokens (Java rotates the refresh token). When the
/// session cannot be refreshed, the cookies are cleared and the answer is `session_expired`.
#[utoipa::path(post, path = "/api/v1/session/refresh", tag = "Auth",
    responses(
        (status = 200, body = super::SessionDto, description = "refreshed; cookies replaced"),
        (status = 401, body = crate::error::ErrorBody, description = "`session_expired`: sign in again"),
        (status = 403, body = crate::error::ErrorBody, description = "`csrf_rejected`: not from our own pages"),
        (status = 503, body = crate::error::ErrorBody, description = "the Java service is unavailable"),
    ))]
pub(crate) async fn handler(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    same_origin(&req)?;
    let expired = |e: ApiError| {
        let jar = CookieJar::new(&req, state.settings.dashboard.secure_cookies, None);
        let mut response = actix_web::ResponseError::error_response(&e);
        for cookie in jar.cleared() {
            // Cannot fail: the cookie was built by us and is valid.
            let _ = response.add_cookie(&cookie);
        }
        response
    };
    let Some(refresh) = cookies::value(&req, cookies::REFRESH) else {
        return Ok(expired(ApiError::new(ErrorCode::SessionExpired, "no session to refresh; sign in")));
    };
    match state.sessions.refresh(&AccessToken::new(refresh)).await {
        Ok(tokens) => signed_in(&req, &state, &tokens),
        Err(e) => {
            let error = ApiError::from(e);
            if error.code == ErrorCode::SessionExpired { Ok(expired(error)) } else { Err(error) }
        }
    }
}
