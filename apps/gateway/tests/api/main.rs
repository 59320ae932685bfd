//! The gateway's API tests: one binary, one module per concern.

mod admin;
mod auth;
mod binary;
mod cors;
mod docs;
mod errors;
mod health;
mod metrics;
