//! The web dashboard's pages and files (see `crate::dashboard`).

pub(crate) mod asset;
pub(crate) mod page;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

use crate::dashboard::{Asset, CSP};

/// Whether the client takes gzip (`Accept-Encoding`, ignoring q-values other than 0).
fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers().get_all(header::ACCEPT_ENCODING).filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|part| {
            let mut pieces = part.split(';').map(str::trim);
            pieces.next().is_some_and(|coding| coding.eq_ignore_ascii_case("gzip") || coding == "*")
                && !pieces.any(|p| p.replace(' ', "") == "q=0")
        })
    })
}

/// `asset` with its validators, compressed when the client accepts it; 304 when the client's
/// copy is current.
fn send(req: &HttpRequest, asset: &Asset, cache_control: &'static str) -> HttpResponse {
    let mut response = HttpResponseBuilder::new(actix_web::http::StatusCode::OK);
    response
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(cache_control)))
        .insert_header((header::VARY, HeaderValue::from_static("Accept-Encoding")))
        .insert_header((header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .insert_header((header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .insert_header((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")));
    if let Ok(etag) = HeaderValue::from_str(&asset.etag) {
        response.insert_header((header::ETAG, etag));
    }
    let current = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim().trim_start_matches("W/") == asset.etag));
    if current {
        return response.status(actix_web::http::StatusCode::NOT_MODIFIED).finish();
    }
    response.content_type(asset.content_type);
    match &asset.gzip {
        Some(gzip) if accepts_gzip(req) => {
            response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip"))).body(gzip.clone())
        }
        _ => response.body(asset.identity.clone()),
    }
}
