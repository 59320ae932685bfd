//! Authentication of Java-issued tokens and role checks, as extractors handlers declare.
//!
//! Contract (reference/upstream-salesflow.md §7 and §9.2): HS256 only, the secret's raw UTF-8
//! bytes as key, `iss = salesflow-app`, `exp` enforced with a small leeway, Java's singular
//! `role` claim (and a `roles` list, if present) as the caller's roles. In DEV a request without
//! a token acts as a dev admin, but a token that *is* sent must be valid.
//!
//! Browsers of the dashboard authenticate with the same tokens kept in an `HttpOnly` cookie
//! ([`cookies`]); their writes must also pass the CSRF check ([`csrf`]). Bearer headers win
//! over cookies, so API clients are unaffected.

pub(crate) mod cookies;
pub(crate) mod csrf;
mod extract;
mod verifier;

pub(crate) use extract::{Admin, Caller, User, Via, authenticate, authorize};
pub(crate) use verifier::expiry;
pub use verifier::{AuthError, Authenticator};
