//! `GET /api/v1/reports/{id}/download`: the finished file.

use actix_web::body::SizedStream;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType, EntityTag};
use actix_web::{HttpRequest, HttpResponse, web};
use ports::{ArtifactChunks, ReportStoreError};

use super::parse_id;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// The file of a completed job, with its name; `If-None-Match` with its ETag answers 304.
#[utoipa::path(get, path = "/api/v1/reports/{id}/download", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the job's id")),
    responses(
        (status = 200, description = "the PDF or XLSX file"),
        (status = 304, description = "unchanged (ETag)"),
        (status = 404, body = crate::error::ErrorBody, description = "unknown, another user's, or not completed"),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    request: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let job = state.report_jobs.get(&caller.principal, parse_id(&id)?).await?;
    let etag = EntityTag::new_strong(job.artifact.as_ref().map(|a| a.sha256.clone()).unwrap_or_default());
    let unchanged = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == etag.to_string()));
    if unchanged && job.artifact.is_some() {
        return Ok(HttpResponse::NotModified().insert_header(header::ETag(etag)).finish());
    }
    let (artifact, chunks) = state.report_jobs.download_chunks(&caller.principal, job.id).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(artifact.file_name.clone())],
    };
    Ok(HttpResponse::Ok()
        .content_type(job.format.content_type())
        .insert_header(disposition)
        .insert_header(header::ETag(etag))
        .insert_header(("Cache-Control", "private, no-cache"))
        .body(SizedStream::new(artifact.bytes, stream(chunks))))
}

/// The store's chunks as a response body: object storage streams to the client as it reads,
/// without holding the file; a read failure cuts the response short (the length no longer
/// matches, so the client sees an incomplete download rather than a corrupt file).
fn stream(
    chunks: Box<dyn ArtifactChunks>,
) -> impl futures_util::Stream<Item = Result<web::Bytes, ReportStoreError>> + 'static {
    futures_util::stream::unfold(Some(chunks), |reader| async move {
        let mut reader = reader?;
        match reader.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(web::Bytes::from(chunk)), Some(reader))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "report download failed mid-stream");
                Some((Err(e), None))
            }
        }
    })
}
