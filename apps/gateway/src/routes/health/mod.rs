//! Liveness and readiness.

pub(crate) mod get;
pub(crate) mod ready;
