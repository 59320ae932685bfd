//! Swagger UI (vendored, served from the binary) and the OpenAPI document. In PROD both require a
//! valid token, the seeds' "Swagger lock".

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use domain::Role;

use crate::auth;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

fn guard(req: &HttpRequest, state: &AppState) -> Result<(), ApiError> {
    if !state.settings.docs.enabled {
        return Err(ApiError::not_found("API documentation is disabled"));
    }
    if state.docs_require_auth() {
        auth::authorize(req, &Role::User)?;
    }
    Ok(())
}

/// The OpenAPI 3.1 document generated from the code.
pub(crate) async fn openapi(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    guard(&req, &state)?;
    Ok(HttpResponse::Ok().content_type("application/json").body(state.openapi_json.clone()))
}

/// `/docs` → `/docs/`, so the UI's relative asset paths resolve.
pub(crate) async fn redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/docs/")).finish()
}

/// Swagger UI's files.
pub(crate) async fn swagger(
    req: HttpRequest,
    tail: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    guard(&req, &state)?;
    match utoipa_swagger_ui::serve(&tail, state.swagger.clone()) {
        Ok(Some(file)) => {
            let mut response = HttpResponse::Ok();
            response.content_type(file.content_type).insert_header((header::CACHE_CONTROL, "public, max-age=3600"));
            if file.gzpipped {
                response.insert_header((header::CONTENT_ENCODING, "gzip"));
            }
            Ok(response.body(file.bytes.into_owned()))
        }
        Ok(None) => Err(ApiError::not_found(format!("no documentation file {tail}"))),
        Err(e) => Err(ApiError::new(ErrorCode::Internal, "cannot serve Swagger UI")
            .with_details(serde_json::json!({ "reason": e.to_string() }))),
    }
}
