//! Extractors: a handler states the role it needs in its signature.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use domain::{Principal, Role};
use futures_util::future::{Ready, ready};

use super::{AuthError, cookies, csrf};
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

/// How a request authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    Bearer,
    Cookie,
    /// DEV without credentials: the dev admin.
    Dev,
}

impl Via {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Bearer => "bearer",
            Self::Cookie => "cookie",
            Self::Dev => "dev",
        }
    }
}

/// The caller behind `req`: the `Authorization` header first (API clients), else the session
/// cookie (the dashboard), else nobody (the dev admin in DEV). A cookie-authenticated write must
/// pass the CSRF check: cookies are sent by the browser whoever built the request.
pub(crate) fn authenticate(req: &HttpRequest, state: &AppState) -> Result<(Principal, Via), ApiError> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        return Ok((state.auth.authenticate(Some(value.as_bytes()))?, Via::Bearer));
    }
    let Some(token) = cookies::value(req, cookies::SESSION) else {
        return Ok((state.auth.authenticate(None)?, Via::Dev));
    };
    let principal = state.auth.verify(&token)?;
    if !req.method().is_safe() {
        check_csrf(req, state, &principal)?;
    }
    Ok((principal, Via::Cookie))
}

fn check_csrf(req: &HttpRequest, state: &AppState, principal: &Principal) -> Result<(), ApiError> {
    let rejected = |why: &str| ApiError::new(ErrorCode::CsrfRejected, why.to_owned());
    if !csrf::same_origin(req) {
        return Err(rejected("cross-site request refused"));
    }
    let sent = req.headers().get(csrf::CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::trim);
    let Some(sent) = sent.filter(|v| !v.is_empty()) else {
        return Err(rejected("missing X-CSRF-Token header"));
    };
    let cookie = cookies::value(req, cookies::CSRF);
    if cookie.as_deref() != Some(sent) || !state.csrf.verify(&principal.subject, sent) {
        return Err(rejected("invalid X-CSRF-Token header"));
    }
    Ok(())
}

/// Authenticates `req` and checks `role`; the principal is also stored in the request
/// extensions for the access log.
pub(crate) fn authorize(req: &HttpRequest, role: &Role) -> Result<Principal, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState not registered")))?;
    let (principal, _) = authenticate(req, state)?;
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
