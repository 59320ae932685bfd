//! Every route, one file each, registered in [`configure`].

pub(crate) mod admin;
pub(crate) mod alerts;
pub(crate) mod analytics;
pub(crate) mod dashboard;
pub(crate) mod docs;
pub(crate) mod health;
pub(crate) mod me;
pub(crate) mod metrics;
pub(crate) mod ml;
pub(crate) mod report_jobs;
pub(crate) mod reports;
pub(crate) mod session;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, web};

use crate::error::{ApiError, ErrorCode};

/// A resource's fallback: 405 with the methods it does allow.
fn method_not_allowed(
    allow: &'static str,
) -> impl Fn(HttpRequest) -> std::future::Ready<Result<actix_web::HttpResponse, ApiError>> + Clone {
    move |req: HttpRequest| {
        std::future::ready(Err(ApiError::new(
            ErrorCode::MethodNotAllowed,
            format!("{} is not allowed on {}", req.method(), req.path()),
        )
        .with_header(header::ALLOW, HeaderValue::from_static(allow))))
    }
}

async fn no_route(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::not_found(format!("no route for {} {}", req.method(), req.path())))
}

/// A GET (and HEAD) resource whose other methods answer 405.
fn get<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    web::resource(path).get(handler).default_service(web::to(method_not_allowed("GET, HEAD")))
}

/// A POST resource whose other methods answer 405.
fn post<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    web::resource(path).post(handler).default_service(web::to(method_not_allowed("POST")))
}

/// A UUID path segment.
const UUID: &str = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/// Registers every route; shared by the server and the in-process test service.
pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get("/api/v1/health", health::get::handler))
        .service(get("/api/v1/health/ready", health::ready::handler))
        .service(get("/metrics", metrics::handler))
        .service(get("/api/v1/me", me::get::handler))
        .service(get("/api/v1/analytics/sales", analytics::sales::handler))
        .service(get("/api/v1/analytics/stock", analytics::stock::handler))
        .service(get("/api/v1/analytics/stock/alerts", analytics::stock_alerts::handler))
        .service(get("/api/v1/admin/config", admin::config::handler))
        .service(post("/api/v1/admin/cache/invalidate", admin::invalidate_cache::handler))
        .service(post("/api/v1/ml/forecast", ml::forecast::handler))
        .service(post("/api/v1/ml/forecast/batch", ml::batch::handler))
        .service(post("/api/v1/ml/anomalies", ml::anomalies::handler))
        .service(post("/api/v1/reports/generate", reports::generate::handler))
        .service(get("/api/v1/alerts", alerts::list::handler))
        .service(get("/api/v1/alerts/{id}", alerts::get::handler))
        .service(post("/api/v1/alerts/{id}/ack", alerts::ack::handler))
        .service(
            web::resource("/api/v1/reports")
                .get(report_jobs::list::handler)
                .post(report_jobs::submit::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, POST"))),
        )
        // Ids are UUIDs, so `/api/v1/reports/generate` and `/schedules` never reach these.
        .service(
            web::resource(format!("/api/v1/reports/{{id:{UUID}}}"))
                .get(report_jobs::status::handler)
                .delete(report_jobs::delete::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, DELETE"))),
        )
        .service(get(&format!("/api/v1/reports/{{id:{UUID}}}/download"), report_jobs::download::handler))
        .service(get("/api-docs/openapi.json", docs::openapi))
        .service(web::resource("/docs").get(docs::redirect))
        .service(get("/docs/{tail:.*}", docs::swagger).wrap(actix_web::middleware::Compress::default()))
        .service(
            web::resource("/api/v1/session")
                .get(session::get::handler)
                .post(session::login::handler)
                .delete(session::logout::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, POST, DELETE"))),
        )
        .service(post("/api/v1/session/refresh", session::refresh::handler))
        .service(get("/assets/{version}/{path:.*}", dashboard::asset::handler));
    for page in crate::dashboard::PAGES {
        cfg.service(get(page, dashboard::page::handler));
    }
    cfg.default_service(web::to(no_route));
}
