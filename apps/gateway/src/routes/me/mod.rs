//! The caller's own identity.

pub(crate) mod get;
