//! Middleware applied to every request.

mod error_pages;
mod observe;

pub(crate) use error_pages::envelope_for_bare_errors;
pub(crate) use observe::{REQUEST_ID, Subject, observe};
