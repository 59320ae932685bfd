//! The Java system of record (the Spring "SalesFlow" service) over REST, with `reqwest`.
//!
//! [`JavaClient`] implements the `SalesSource`, `SalesSink`, `IdentityProvider` and `HealthProbe`
//! ports against the Java contract (reference §9): it forwards the caller's bearer token (or, for
//! system jobs, the token of the service account it logs in as and refreshes, or a static system
//! token), normalises list responses (§7.4), retries idempotent GETs on transient failures, and
//! translates every HTTP outcome into the port's error enum at this edge. Error reasons name only
//! the method and path template, never the host, because they end up in API error bodies; the
//! full details (URL included) go to the logs.
//!
//! Depends on `ports` and `domain`, plus `reqwest`, `serde`, `chrono`/`chrono-tz`, `tokio` (for
//! `join!`, back-off sleeps and the session lock), `base64` (a token's `exp`) and `tracing`. No reqwest or Java DTO type leaves the crate.

mod client;
mod config;
mod convert;
mod dates;
mod dto;
mod errors;
mod identity;
mod probe;
mod sink;
mod source;
mod system_session;

pub use client::JavaClient;
pub use config::{JavaConfig, JavaConfigError};
