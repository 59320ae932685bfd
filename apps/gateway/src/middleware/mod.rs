//! Middleware applied to every request.

mod error_pages;
mod observe;

pub(crate) use observe::{REQUEST_ID, Subject, observe};
