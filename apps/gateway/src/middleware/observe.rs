//! One pass per request for everything observability needs: a request id (the caller's
//! `X-Request-Id` when it is sane, else a new UUID), a tracing span, Prometheus metrics by route
//! and status, and the access log line.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use tracing::Instrument;

use crate::state::AppState;

pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The authenticated subject, put in the extensions by the auth extractor for the access log.
#[derive(Clone, Debug)]
pub(crate) struct Subject(pub(crate) String);

/// Ids from outside are kept only if short and made of safe characters (they end up in logs).
fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(REQUEST_ID)?.to_str().ok()?;
    let ok = !value.is_empty()
        && value.len() <= 128
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    ok.then(|| value.to_owned())
}

pub(crate) async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let access_log = req.app_data::<web::Data<AppState>>().is_none_or(|s| s.settings.telemetry.access_log);
    let method = req.method().clone();
    let span = tracing::info_span!(
        "http_request",
        request_id = %request_id,
        method = %method,
        path = %req.path(),
    );

    let mut res = next.call(req).instrument(span.clone()).await?;

    let status = res.status();
    let elapsed = started.elapsed();
    // Unmatched paths share one label, so scanners cannot blow up the metric cardinality.
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    let labels = [("method", method.to_string()), ("route", route.clone())];
    metrics::histogram!("http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());
    metrics::counter!(
        "http_requests_total",
        "method" => method.to_string(),
        "route" => route.clone(),
        "status" => status.as_str().to_owned()
    )
    .increment(1);

    if access_log {
        let subject = res.request().extensions().get::<Subject>().map(|s| s.0.clone());
        tracing::info!(
            parent: &span,
            status = status.as_u16(),
            route = %route,
            latency_ms = (elapsed.as_secs_f64() * 1e6).round() / 1e3,
            subject = subject.as_deref(),
            "request completed"
        );
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(res)
}
