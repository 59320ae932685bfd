//! Report jobs: queue a report, poll it, download it, list and delete (issue 5). The worker that
//! runs the queue is a background task of the gateway (`server.rs`), or `apps/worker` alone.

pub(crate) mod delete;
pub(crate) mod download;
pub(crate) mod list;
pub(crate) mod status;
pub(crate) mod submit;

use app::JobError;
use ports::{JobStatus, ReportJob};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};

/// The finished file.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArtifactDto {
    /// `pdf` or `xlsx`.
    format: &'static str,
    file_name: String,
    bytes: u64,
    /// Hex SHA-256 of the file (also its download ETag).
    sha256: String,
}

/// A report job.
#[derive(Serialize, ToSchema)]
pub(crate) struct JobDto {
    id: String,
    /// `sales`, `stock` or `combined`.
    #[serde(rename = "type")]
    kind: String,
    format: &'static str,
    /// `queued`, `generating`, `completed` or `failed`.
    status: &'static str,
    /// 0–100.
    progress: u8,
    attempts: u32,
    created_at: String,
    started_at: Option<String>,
    finished_at: Option<String>,
    /// Why the last run failed (a queued job shows the error it will retry after).
    error: Option<String>,
    artifact: Option<ArtifactDto>,
    status_url: String,
    download_url: Option<String>,
}

impl From<&ReportJob> for JobDto {
    fn from(j: &ReportJob) -> Self {
        let completed = j.status == JobStatus::Completed;
        Self {
            id: j.id.to_string(),
            kind: j.kind.clone(),
            format: j.format.as_str(),
            status: j.status.as_str(),
            progress: j.progress,
            attempts: j.attempts,
            created_at: j.created_at.to_rfc3339(),
            started_at: j.started_at.map(|t| t.to_rfc3339()),
            finished_at: j.finished_at.map(|t| t.to_rfc3339()),
            error: j.error.clone(),
            artifact: j.artifact.as_ref().filter(|_| completed).map(|a| ArtifactDto {
                format: j.format.as_str(),
                file_name: a.file_name.clone(),
                bytes: a.bytes,
                sha256: a.sha256.clone(),
            }),
            status_url: format!("/api/v1/reports/{}", j.id),
            download_url: completed.then(|| format!("/api/v1/reports/{}/download", j.id)),
        }
    }
}

impl From<JobError> for ApiError {
    fn from(e: JobError) -> Self {
        match e {
            JobError::InvalidRequest { field, message } => {
                ApiError::new(ErrorCode::InvalidBody, message).with_details(json!({ "field": field }))
            }
            JobError::NotFound => ApiError::not_found("no such report job"),
            JobError::NotReady(status) => {
                ApiError::new(ErrorCode::NotFound, format!("the report is {}", status.as_str()))
                    .with_details(json!({ "status": status.as_str() }))
            }
            JobError::Store(e) => ApiError::new(ErrorCode::StateUnavailable, "the report job store is unavailable")
                .with_details(json!({ "reason": e.to_string() })),
            JobError::Artifact(reason) => ApiError::internal(anyhow::anyhow!("report artifact: {reason}")),
        }
    }
}

fn parse_id(raw: &str) -> Result<domain::Uuid, ApiError> {
    domain::Uuid::parse_str(raw)
        .map_err(|_| ApiError::new(ErrorCode::InvalidPath, format!("{raw:?} is not a report job id")))
}
