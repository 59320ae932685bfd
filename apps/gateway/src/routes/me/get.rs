//! `GET /api/v1/me`: who the gateway thinks the caller is.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{Caller, User};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct Me {
    /// The token's `sub` (the Java user's phone number), `dev-user` in DEV without a token.
    subject: String,
    username: Option<String>,
    #[schema(example = json!(["USER"]))]
    roles: Vec<String>,
    /// `DEV` or `PROD`.
    mode: &'static str,
}

/// The authenticated principal, roles as the gateway enforces them.
#[utoipa::path(get, path = "/api/v1/me", tag = "Auth", security(("bearer_auth" = [])), responses(
    (status = 200, body = Me),
    (status = 401, body = crate::error::ErrorBody),
))]
pub(crate) async fn handler(caller: Caller<User>, state: web::Data<AppState>) -> HttpResponse {
    let p = caller.principal;
    HttpResponse::Ok().json(Me {
        subject: p.subject,
        username: p.username,
        roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        mode: if state.settings.is_prod() { "PROD" } else { "DEV" },
    })
}
