//! The Excel/CSV import: upload and validate, read a batch (paged), commit it, discard it; the
//! upstream's one-step `import-sales`; the template. Design in docs/IMPORT.md.

pub(crate) mod commit;
pub(crate) mod delete;
pub(crate) mod dto;
pub(crate) mod get;
pub(crate) mod import_sales;
mod multipart;
pub(crate) mod template;
pub(crate) mod upload;

use app::ImportError;
use import::FileError;
use ports::SinkError;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

fn file_error(e: &FileError) -> ApiError {
    let code = match e {
        FileError::Empty => ErrorCode::EmptyFile,
        FileError::TooLarge { .. } => ErrorCode::FileTooLarge,
        FileError::TooManyRows { .. } => ErrorCode::TooManyRows,
        FileError::DecompressedTooLarge { .. } => ErrorCode::DecompressedTooLarge,
        FileError::UnsupportedFormat { .. } => ErrorCode::UnsupportedFormat,
        FileError::Encrypted => ErrorCode::EncryptedWorkbook,
        FileError::Unreadable { .. } => ErrorCode::UnreadableFile,
        FileError::SheetNotFound { .. } => ErrorCode::SheetNotFound,
        FileError::NoVisibleSheet => ErrorCode::NoVisibleSheet,
        FileError::NoHeader => ErrorCode::NoHeader,
        FileError::NoRows => ErrorCode::NoRows,
        FileError::MissingColumns { .. } => ErrorCode::MissingColumns,
        FileError::DuplicateColumn { .. } => ErrorCode::DuplicateColumn,
        FileError::AmbiguousDates { .. } => ErrorCode::AmbiguousDateFormat,
        FileError::MixedDateFormats { .. } => ErrorCode::MixedDateFormats,
        FileError::InvalidOption { .. } => ErrorCode::InvalidOption,
    };
    let details = match e {
        FileError::TooLarge { limit } => json!({ "limit_bytes": limit }),
        FileError::TooManyRows { limit } => json!({ "limit_rows": limit }),
        FileError::DecompressedTooLarge { declared, limit } => {
            json!({ "declared_bytes": declared, "limit_bytes": limit })
        }
        FileError::UnsupportedFormat { detected } => json!({ "detected": detected }),
        FileError::SheetNotFound { requested, available } => {
            json!({ "field": "sheet", "requested": requested, "available": available })
        }
        FileError::MissingColumns { missing, found } => json!({ "missing": missing, "found": found }),
        FileError::DuplicateColumn { field, first, second } => json!({ "field": field, "columns": [first, second] }),
        FileError::AmbiguousDates { example, row } => json!({ "field": "date_format", "example": example, "row": row }),
        FileError::MixedDateFormats { day_first_row, month_first_row } => {
            json!({ "day_first_row": day_first_row, "month_first_row": month_first_row })
        }
        FileError::InvalidOption { name, .. } => json!({ "field": name }),
        _ => serde_json::Value::Null,
    };
    let error = ApiError::new(code, e.to_string());
    if details.is_null() { error } else { error.with_details(details) }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        let message = e.to_string();
        match e {
            ImportError::File(file) => file_error(&file),
            ImportError::NotFound(id) => ApiError::not_found(format!("no import batch {id}")),
            ImportError::Expired(_) => ApiError::new(ErrorCode::ImportBatchExpired, message),
            ImportError::HasErrors { invalid } => {
                ApiError::new(ErrorCode::BatchHasErrors, message).with_details(json!({ "invalid_rows": invalid }))
            }
            ImportError::NothingToCommit => ApiError::new(ErrorCode::NothingToCommit, message),
            ImportError::ModeConflict { started } => ApiError::new(ErrorCode::CommitModeConflict, message)
                .with_details(json!({ "field": "mode", "started": started })),
            ImportError::InProgress => ApiError::new(ErrorCode::CommitInProgress, message),
            ImportError::OutcomeUnknown(f) => ApiError::new(ErrorCode::CommitOutcomeUnknown, message)
                .with_details(json!({ "field": "confirm", "failure": f })),
            ImportError::Rejected(f) => {
                ApiError::new(ErrorCode::ImportRejected, message).with_details(json!({ "failure": f }))
            }
            ImportError::Unconfirmed(f, retry_after) => {
                let secs = retry_after.map_or(5, |d| d.as_secs().max(1));
                ApiError::new(ErrorCode::UpstreamUnavailable, message)
                    .with_details(json!({ "failure": f, "retry_after_secs": secs }))
                    .with_header(actix_web::http::header::RETRY_AFTER, actix_web::http::header::HeaderValue::from(secs))
            }
            ImportError::Source(source) => source.into(),
            ImportError::SinkAccess(SinkError::Unauthorized) => {
                ApiError::new(ErrorCode::UpstreamUnauthorized, "the Java service rejected the caller's token")
            }
            ImportError::SinkAccess(_) => {
                ApiError::new(ErrorCode::UpstreamForbidden, "the Java service denied the caller access")
            }
            ImportError::Store(reason) => {
                ApiError::new(ErrorCode::StateUnavailable, "the import batch store is unavailable")
                    .with_details(json!({ "reason": reason }))
            }
        }
    }
}

fn parse_id(raw: &str) -> Result<domain::Uuid, ApiError> {
    domain::Uuid::parse_str(raw)
        .map_err(|_| ApiError::new(ErrorCode::InvalidPath, format!("{raw:?} is not an import batch id")))
}
