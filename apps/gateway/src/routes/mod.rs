//! Every route, one file each, registered in [`configure`].

pub(crate) mod admin;
pub(crate) mod docs;
pub(crate) mod health;
pub(crate) mod me;
pub(crate) mod metrics;

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

/// Registers every route; shared by the server and the in-process test service.
pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/health")
            .get(health::get::handler)
            .default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(
        web::resource("/api/v1/health/ready")
            .get(health::ready::handler)
            .default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(web::resource("/metrics").get(metrics::handler).default_service(web::to(method_not_allowed("GET, HEAD"))))
    .service(
        web::resource("/api/v1/me").get(me::get::handler).default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(
        web::resource("/api/v1/admin/config")
            .get(admin::config::handler)
            .default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(
        web::resource("/api/v1/admin/cache/invalidate")
            .post(admin::invalidate_cache::handler)
            .default_service(web::to(method_not_allowed("POST"))),
    )
    .service(
        web::resource("/api-docs/openapi.json")
            .get(docs::openapi)
            .default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(web::resource("/docs").get(docs::redirect))
    .service(
        web::resource("/docs/{tail:.*}")
            .wrap(actix_web::middleware::Compress::default())
            .get(docs::swagger)
            .default_service(web::to(method_not_allowed("GET, HEAD"))),
    )
    .service(web::resource("/").get(docs::home).default_service(web::to(method_not_allowed("GET, HEAD"))))
    .default_service(web::to(no_route));
}
