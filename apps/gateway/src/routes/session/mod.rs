//! Browser sessions of the dashboard: what the page needs to know at start (`GET`), sign-in
//! (`POST`), refresh and sign-out. Tokens live in cookies (see `auth::cookies`); API clients keep
//! using bearer headers and never need these routes.

pub(crate) mod get;
pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod refresh;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use app::SessionError;
use domain::Principal;
use ports::IdentityError;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{self, Via, cookies::CookieJar, csrf};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct SessionUser {
    /// The token's `sub` (the Java user's phone number), `dev-user` in DEV.
    subject: String,
    username: Option<String>,
    roles: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ShopDto {
    /// BCP 47 tag numbers and dates are formatted for (`shop.locale`).
    locale: String,
    /// ISO 4217 code of amounts (`shop.currency`).
    currency: String,
    /// IANA zone of the shop (`shop.timezone`).
    timezone: String,
}

/// Which optional APIs this server has, so the dashboard shows only pages that work.
#[derive(Serialize, ToSchema)]
pub(crate) struct FeaturesDto {
    reports: bool,
    /// Report schedules (a part of the reports page).
    schedules: bool,
    imports: bool,
    crm: bool,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SessionDto {
    /// `DEV` or `PROD`.
    mode: &'static str,
    authenticated: bool,
    /// `cookie`, `bearer` or `dev` (DEV without credentials).
    via: Option<&'static str>,
    user: Option<SessionUser>,
    /// When the access token expires (RFC 3339): the page refreshes the session before.
    expires_at: Option<String>,
    /// Why the caller is not authenticated: an error code such as `auth_token_expired`.
    reason: Option<&'static str>,
    /// A refresh cookie is present: `POST /api/v1/session/refresh` may restore the session.
    refreshable: bool,
    shop: ShopDto,
    /// The shop's today (`YYYY-MM-DD`), so the page's windows match the server's.
    today: String,
    features: FeaturesDto,
}

impl SessionDto {
    pub(crate) fn new(req: &HttpRequest, state: &AppState, outcome: Result<(Principal, Via), ApiError>) -> Self {
        let shop = &state.settings.shop;
        let features = &state.dashboard.features;
        let (authenticated, via, user, expires_at, reason) = match outcome {
            Ok((principal, via)) => {
                let expires_at = principal.token.as_ref().and_then(|t| auth::expiry(t.expose()));
                let user = SessionUser {
                    subject: principal.subject,
                    username: principal.username,
                    roles: principal.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                };
                (true, Some(via.as_str()), Some(user), expires_at.map(|t| t.to_rfc3339()), None)
            }
            Err(e) => (false, None, None, None, Some(e.code.as_str())),
        };
        Self {
            mode: if state.settings.is_prod() { "PROD" } else { "DEV" },
            authenticated,
            via,
            user,
            expires_at,
            reason,
            refreshable: auth::cookies::value(req, auth::cookies::REFRESH).is_some(),
            today: state.adapters.clock.today().to_string(),
            shop: ShopDto {
                locale: shop.locale.clone(),
                currency: shop.currency.clone(),
                timezone: shop.timezone.clone(),
            },
            features: FeaturesDto {
                reports: features.reports,
                schedules: features.schedules,
                imports: features.imports,
                crm: features.crm,
            },
        }
    }
}

/// Sign-in, refresh and sign-out change the session, so they must come from our own pages
/// (they carry no CSRF token yet: login has no session, and refresh may follow an expiry).
fn same_origin(req: &HttpRequest) -> Result<(), ApiError> {
    if csrf::same_origin(req) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::CsrfRejected, "cross-site request refused"))
    }
}

/// A 200 with the session and its three cookies, after a sign-in or a refresh.
fn signed_in(req: &HttpRequest, state: &AppState, tokens: &ports::IssuedTokens) -> Result<HttpResponse, ApiError> {
    let principal = state.auth.verify(tokens.access.expose()).map_err(|e| {
        ApiError::new(ErrorCode::UpstreamBadResponse, "the Java service issued a token this gateway does not accept")
            .with_details(
                json!({ "reason": e.to_string(), "hint": "auth.jwt_secret must be the Java service's secret" }),
            )
    })?;
    let jar = CookieJar::new(req, state.settings.dashboard.secure_cookies, tokens.refresh_expires_at);
    let csrf = state.csrf.mint(&principal.subject);
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    for cookie in jar.session(tokens.access.expose(), tokens.refresh.expose(), csrf) {
        response.cookie(cookie);
    }
    let token = tokens.access.clone();
    let principal = Principal { token: Some(token), ..principal };
    Ok(response.json(SessionDto::new(req, state, Ok((principal, Via::Cookie)))))
}

impl From<SessionError> for ApiError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::InvalidRequest { field, message } => {
                Self::new(ErrorCode::InvalidBody, message).with_details(json!({ "field": field }))
            }
            SessionError::Identity(IdentityError::InvalidCredentials) => {
                Self::new(ErrorCode::InvalidCredentials, "invalid login or password")
            }
            SessionError::Identity(IdentityError::RefreshRejected(reason)) => {
                Self::new(ErrorCode::SessionExpired, "the session has expired; sign in again")
                    .with_details(json!({ "reason": reason }))
            }
            SessionError::Identity(IdentityError::Unavailable { reason, retry_after }) => {
                let secs = retry_after.map_or(5, |d| d.as_secs().max(1));
                Self::new(ErrorCode::UpstreamUnavailable, "the Java service is unavailable")
                    .with_details(json!({ "reason": reason, "retry_after_secs": secs }))
                    .with_header(header::RETRY_AFTER, HeaderValue::from(secs))
            }
            SessionError::Identity(IdentityError::BadResponse { reason }) => {
                Self::new(ErrorCode::UpstreamBadResponse, "the Java service sent an invalid response")
                    .with_details(json!({ "reason": reason }))
            }
        }
    }
}
