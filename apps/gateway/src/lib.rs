//! SalesFlow's HTTP gateway: actix-web routes over the `app` use cases, Java-token auth, the
//! error envelope, request ids, tracing, Prometheus metrics, CORS, and the OpenAPI document with
//! a vendored Swagger UI, and the web dashboard with its cookie sessions. Adapters come from `bootstrap`, the composition root, so the binary and
//! the tests wire the same way.

mod auth;
mod body;
mod csv_export;
mod dashboard;
mod error;
mod extractors;
mod middleware;
mod openapi;
mod query;
mod routes;
mod server;
mod state;
mod upstream_error;

pub use auth::{AuthError, Authenticator};
pub use error::{ErrorBody, ErrorCode};
pub use server::{Application, app, purge_import_batches, report_worker, scheduler_loop};
pub use state::AppState;
