//! Reads an upload's multipart body: the `file` field (bounded while it streams in, so an
//! oversized upload is refused without buffering it) and the optional `sheet` and `date_format`.

use actix_multipart::{Multipart, MultipartError};
use futures_util::StreamExt;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

/// What the form carried.
#[derive(Debug, Default)]
pub(crate) struct Upload {
    pub(crate) bytes: Vec<u8>,
    pub(crate) file_name: Option<String>,
    pub(crate) sheet: Option<String>,
    pub(crate) date_format: Option<String>,
}

/// Text fields are short; anything longer is a mistake, not a sheet name.
const MAX_TEXT: usize = 1024;

fn malformed(e: &MultipartError) -> ApiError {
    match e {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible => {
            ApiError::new(ErrorCode::UnsupportedMediaType, "send the file as multipart/form-data (field `file`)")
        }
        other => ApiError::new(ErrorCode::BadRequest, format!("malformed multipart body: {other}")),
    }
}

pub(crate) async fn read(mut form: Multipart, max_bytes: u64) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    let mut has_file = false;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| malformed(&e))?;
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => {
                has_file = true;
                upload.file_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_owned);
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|e| malformed(&e))?;
                    if (upload.bytes.len() + chunk.len()) as u64 > max_bytes {
                        return Err(ApiError::new(
                            ErrorCode::FileTooLarge,
                            format!("the file is larger than the limit of {max_bytes} bytes"),
                        )
                        .with_details(json!({ "limit_bytes": max_bytes })));
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            "sheet" | "date_format" => {
                let mut text = Vec::new();
                while let Some(chunk) = field.next().await {
                    text.extend_from_slice(&chunk.map_err(|e| malformed(&e))?);
                    if text.len() > MAX_TEXT {
                        return Err(ApiError::new(ErrorCode::InvalidOption, format!("`{name}` is too long"))
                            .with_details(json!({ "field": name })));
                    }
                }
                let value = String::from_utf8(text).map_err(|_| {
                    ApiError::new(ErrorCode::InvalidOption, format!("`{name}` is not UTF-8"))
                        .with_details(json!({ "field": name }))
                })?;
                let value = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
                if name == "sheet" { upload.sheet = value } else { upload.date_format = value }
            }
            // Unknown fields are drained and ignored (forms add their own).
            _ => {
                while let Some(chunk) = field.next().await {
                    chunk.map_err(|e| malformed(&e))?;
                }
            }
        }
    }
    if !has_file {
        return Err(ApiError::new(ErrorCode::MissingFile, "the form has no `file` field"));
    }
    Ok(upload)
}
