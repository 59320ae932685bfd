//! The dashboard's session cookies.
//!
//! * `sf_session`: the Java access token. `HttpOnly` (scripts never see it), `SameSite=Strict`.
//! * `sf_refresh`: the refresh token, `HttpOnly`, `SameSite=Strict`, sent only to
//!   `/api/v1/session…` so it travels as rarely as possible.
//! * `sf_csrf`: the CSRF token (see [`super::csrf`]); readable by our scripts, which echo it in
//!   the `X-CSRF-Token` header.
//!
//! `Secure` follows `dashboard.secure_cookies` (`auto`: when the request came over HTTPS).

use actix_web::HttpRequest;
use actix_web::cookie::time::{Duration as CookieDuration, OffsetDateTime};
use actix_web::cookie::{Cookie, SameSite};
use bootstrap::settings::CookieSecurity;
use chrono::{DateTime, Utc};

pub(crate) const SESSION: &str = "sf_session";
pub(crate) const REFRESH: &str = "sf_refresh";
pub(crate) const CSRF: &str = "sf_csrf";
const REFRESH_PATH: &str = "/api/v1/session";

/// How the cookies of one response are built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CookieJar {
    secure: bool,
    /// `None`: a browser-session cookie.
    expires: Option<OffsetDateTime>,
}

impl CookieJar {
    pub(crate) fn new(req: &HttpRequest, security: CookieSecurity, expires: Option<DateTime<Utc>>) -> Self {
        let secure = match security {
            CookieSecurity::Always => true,
            CookieSecurity::Never => false,
            CookieSecurity::Auto => req.connection_info().scheme() == "https",
        };
        let expires = expires.and_then(|t| OffsetDateTime::from_unix_timestamp(t.timestamp()).ok());
        Self { secure, expires }
    }

    fn build(self, name: &'static str, value: String, path: &'static str, http_only: bool) -> Cookie<'static> {
        let mut cookie = Cookie::build(name, value)
            .path(path)
            .http_only(http_only)
            .secure(self.secure)
            .same_site(SameSite::Strict)
            .finish();
        if let Some(at) = self.expires {
            cookie.set_expires(at);
        }
        cookie
    }

    /// The three cookies of a signed-in session.
    pub(crate) fn session(self, access: &str, refresh: &str, csrf: String) -> [Cookie<'static>; 3] {
        [
            self.build(SESSION, access.to_owned(), "/", true),
            self.build(REFRESH, refresh.to_owned(), REFRESH_PATH, true),
            self.build(CSRF, csrf, "/", false),
        ]
    }

    /// Cookies that make the browser forget the session.
    pub(crate) fn cleared(self) -> [Cookie<'static>; 3] {
        let gone = |name, path, http_only| {
            let mut cookie = Self { expires: None, ..self }.build(name, String::new(), path, http_only);
            cookie.set_max_age(CookieDuration::ZERO);
            cookie.set_expires(OffsetDateTime::UNIX_EPOCH);
            cookie
        };
        [gone(SESSION, "/", true), gone(REFRESH, REFRESH_PATH, true), gone(CSRF, "/", false)]
    }
}

/// A cookie's value, if the request carries a non-empty one.
pub(crate) fn value(req: &HttpRequest, name: &str) -> Option<String> {
    req.cookie(name).map(|c| c.value().trim().to_owned()).filter(|v| !v.is_empty())
}
