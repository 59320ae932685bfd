//! Every route, one file each, registered in [`configure`].

pub(crate) mod admin;
pub(crate) mod alerts;
pub(crate) mod analytics;
pub(crate) mod crm;
pub(crate) mod dashboard;
pub(crate) mod docs;
pub(crate) mod excel;
pub(crate) mod health;
pub(crate) mod me;
pub(crate) mod metrics;
pub(crate) mod ml;
pub(crate) mod report_jobs;
pub(crate) mod reports;
pub(crate) mod schedules;
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

/// A read endpoint of the CRM reference, at its `/api/v1/crm/…` path and at the reference's own.
fn crm_read<F, Args>(cfg: &mut web::ServiceConfig, v1: &str, seed: &str, handler: F)
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    cfg.service(get(v1, handler.clone())).service(get(seed, handler));
}

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
        .service(post("/api/v1/excel/uploads", excel::upload::handler))
        .service(
            web::resource("/api/v1/excel/uploads/{id}")
                .get(excel::get::handler)
                .delete(excel::delete::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, DELETE"))),
        )
        .service(post("/api/v1/excel/uploads/{id}/commit", excel::commit::handler))
        .service(post("/api/v1/excel/import-sales", excel::import_sales::handler))
        .service(get("/api/v1/excel/template", excel::template::handler))
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
        .service(
            web::resource("/api/v1/reports/schedules")
                .get(schedules::list::handler)
                .post(schedules::create::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, POST"))),
        )
        .service(
            web::resource("/api/v1/reports/schedules/{id}")
                .get(schedules::get::handler)
                .patch(schedules::update::handler)
                .delete(schedules::delete::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, PATCH, DELETE"))),
        )
        .service(get("/api/v1/reports/scheduled/latest", schedules::latest::handler))
        .service(
            web::resource("/api/v1/crm/runs")
                .get(crm::runs_list::handler)
                .post(crm::runs_create::handler)
                .default_service(web::to(method_not_allowed("GET, HEAD, POST"))),
        )
        .service(get("/api/v1/crm/history/{kind}", crm::history::handler))
        .service(get("/api/v1/crm/accounts/{id}", crm::account::handler));
    // The reference's eight endpoints, also at its own paths for its existing consumers.
    crm_read(cfg, "/api/v1/crm/dashboard/summary", "/api/dashboard/summary", crm::summary::handler);
    crm_read(cfg, "/api/v1/crm/leads/scores", "/api/leads/scores", crm::leads_scores::handler);
    crm_read(cfg, "/api/v1/crm/leads/distribution", "/api/leads/distribution", crm::leads_distribution::handler);
    crm_read(cfg, "/api/v1/crm/pipeline/health", "/api/pipeline/health", crm::pipeline_health::handler);
    crm_read(cfg, "/api/v1/crm/pipeline/funnel", "/api/pipeline/funnel", crm::pipeline_funnel::handler);
    crm_read(cfg, "/api/v1/crm/churn/risk", "/api/churn/risk", crm::churn_risk::handler);
    crm_read(cfg, "/api/v1/crm/churn/accounts", "/api/churn/accounts", crm::churn_accounts::handler);
    crm_read(cfg, "/api/v1/crm/alerts", "/api/alerts", crm::alerts::handler);
    // After `/leads/scores` and `/leads/distribution`, which would otherwise match `{id}`.
    cfg.service(get("/api/v1/crm/leads/{id}", crm::lead::handler))
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
