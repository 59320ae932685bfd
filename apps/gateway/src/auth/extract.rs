//! Extractors: a handler states the role it needs in its signature.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use domain::{Principal, Role};
use futures_util::future::{Ready, ready};

use super::AuthError;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// A role a route requires.
pub(crate) trait Requirement {
    const ROLE: Role;
}

/// Any signed-in Java user (USER or ADMIN).
#[derive(Debug)]
pub(crate) struct User;
impl Requirement for User {
    const ROLE: Role = Role::User;
}

/// Java ADMIN only.
#[derive(Debug)]
pub(crate) struct Admin;
impl Requirement for Admin {
    const ROLE: Role = Role::Admin;
}

/// The authenticated caller of a route that requires `R`.
#[derive(Debug)]
pub(crate) struct Caller<R: Requirement = User> {
    pub(crate) principal: Principal,
    _role: PhantomData<R>,
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        // RFC 6750: tell clients how to authenticate and why the token failed.
        let challenge = match e {
            AuthError::Missing => r#"Bearer realm="salesflow""#,
            _ => r#"Bearer realm="salesflow", error="invalid_token""#,
        };
        Self::new(e.code(), e.to_string()).with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge))
    }
}

/// Authenticates `req` and checks `role`; the principal is also stored in the request
/// extensions for the access log.
pub(crate) fn authorize(req: &HttpRequest, role: &Role) -> Result<Principal, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState not registered")))?;
    let header = req.headers().get(header::AUTHORIZATION).map(HeaderValue::as_bytes);
    let principal = state.auth.authenticate(header)?;
    req.extensions_mut().insert(crate::middleware::Subject(principal.subject.clone()));
    if !principal.roles.allows(role) {
        return Err(ApiError::new(ErrorCode::Forbidden, format!("this route requires the {role} role")));
    }
    Ok(principal)
}

impl<R: Requirement> FromRequest for Caller<R> {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(authorize(req, &R::ROLE).map(|principal| Self { principal, _role: PhantomData }))
    }
}
