//! One pass per request for everything observability needs: a request id (the caller's
//! `X-Request-Id` when it is sane, else a new UUID), a tracing span, Prometheus metrics by route
//! and status, the access log line, and the error-envelope safety net.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use metrics::{Counter, Histogram};
use tracing::Instrument;

use super::error_pages;
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

/// Metric handles of one (method, route, status).
type Handles = HashMap<(Method, String, u16), (Counter, Histogram)>;

thread_local! {
    /// Metric handles per (method, route, status), per worker thread: registering labelled
    /// handles on every request cost more than the route itself.
    static HANDLES: RefCell<Handles> = RefCell::new(HashMap::new());
}

fn record(method: &Method, route: &str, status: u16, seconds: f64) {
    HANDLES.with_borrow_mut(|handles| {
        let key = (method.clone(), route.to_owned(), status);
        let (counter, histogram) = handles.entry(key).or_insert_with(|| {
            let (method, route) = (method.to_string(), route.to_owned());
            let counter = metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status.to_string());
            let histogram = metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route);
            (counter, histogram)
        });
        counter.increment(1);
        histogram.record(seconds);
    });
}

pub(crate) async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let started = Instant::now();
    let request_id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().clone();
    // Only the id on the span (cheap); the access-log event carries the rest.
    let span = tracing::info_span!("http_request", request_id = %request_id);

    let res = next.call(req).instrument(span.clone()).await?;
    let mut res = error_pages::ensure_envelope(res);

    let status = res.status();
    let elapsed = started.elapsed();
    // Unmatched paths share one label, so scanners cannot blow up the metric cardinality.
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    record(&method, &route, status.as_u16(), elapsed.as_secs_f64());

    let telemetry = state.as_ref().map(|s| &s.settings.telemetry);
    let skipped = status.as_u16() < 400 && telemetry.is_some_and(|t| t.access_log_skip.contains(&route));
    if telemetry.is_none_or(|t| t.access_log) && !skipped {
        let subject = res.request().extensions().get::<Subject>().map(|s| s.0.clone());
        tracing::info!(
            parent: &span,
            method = %method,
            path = %res.request().path(),
            route = %route,
            status = status.as_u16(),
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
