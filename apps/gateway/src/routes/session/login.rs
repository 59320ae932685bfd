//! `POST /api/v1/session`: sign in through the Java service; the tokens go into cookies.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::{same_origin, signed_in};
use crate::body::parse;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub(crate) struct LoginBody {
    /// The Java user's phone number (`phoneNumber` and `phone_number` are accepted too).
    #[serde(alias = "phoneNumber", alias = "phone_number")]
    login: String,
    password: String,
}

/// Signs in with the Java service's credentials (`POST /api/v1/auth/login` there). The access
/// token is set as an `HttpOnly`, `SameSite=Strict` cookie, with a refresh cookie and a CSRF
/// cookie whose value writes must echo in `X-CSRF-Token`.
#[utoipa::path(post, path = "/api/v1/session", tag = "Auth", request_body = LoginBody,
    responses(
        (status = 200, body = super::SessionDto, description = "signed in; cookies set"),
        (status = 401, body = crate::error::ErrorBody, description = "`invalid_credentials`"),
        (status = 403, body = crate::error::ErrorBody, description = "`csrf_rejected`: not from our own pages"),
        (status = 422, body = crate::error::ErrorBody, description = "blank login or password"),
        (status = 503, body = crate::error::ErrorBody, description = "the Java service is unavailable"),
    ))]
pub(crate) async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    same_origin(&req)?;
    let body: LoginBody = parse(&body)?;
    let tokens = state.sessions.login(&body.login, &body.password).await?;
    signed_in(&req, &state, &tokens)
}
