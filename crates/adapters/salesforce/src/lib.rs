//! Salesforce over its REST API, with `reqwest` (issue 7, reference crm-analytics.md §5, §8.1).
//!
//! [`SalesforceClient`] implements `CrmSource` and `CrmWriteback`:
//! - OAuth 2.0 sign-in with the client credentials, username-password or JWT bearer (RS256) flow;
//!   the session is cached and renewed once when a call is answered 401, then the call repeated
//!   once;
//! - SOQL with the complete field lists of reference §5, following `nextRecordsUrl` to the last
//!   page, on the configured API version;
//! - bounded retries with exponential backoff on 429 and 503, `Sforce-Limit-Info` logged;
//! - writeback through the Composite sObject Collections API (≤ 200 records a call,
//!   `allOrNone: false`, per-record errors counted), and Task inserts that query the Tasks
//!   already there first, so a retried run creates none twice.
//!
//! Depends on `ports` and `domain`, plus `reqwest`, `jsonwebtoken`, `serde`, `chrono`, `tokio`
//! (back-off sleeps, the session lock) and `tracing`. No reqwest type or Salesforce DTO leaves the
//! crate; error reasons name the operation, never the instance URL or a credential.

mod auth;
mod client;
mod config;
mod dedup;
mod errors;
mod http;
mod query;
pub mod soql;
mod source;
mod writeback;

pub use auth::JwtClaims;
pub use client::SalesforceClient;
pub use config::{AuthFlow, SalesforceConfig, SalesforceConfigError};
pub use writeback::MAX_RECORDS_PER_CALL;
