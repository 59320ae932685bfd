//! The ML routes (the upstream's `/api/v1/ml/...` paths and fields, plus intervals, the model
//! chosen and its backtest), and the mapping of ML errors.

pub(crate) mod anomalies;
pub(crate) mod batch;
pub(crate) mod forecast;
mod request;

pub(crate) use request::SeriesFields;

use app::MlError;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

impl From<MlError> for ApiError {
    fn from(e: MlError) -> Self {
        match e {
            MlError::InvalidRequest { field, message } => crate::body::invalid(field, message),
            MlError::UnknownProduct(message) => ApiError::new(ErrorCode::NotFound, message),
            MlError::NoHistory => ApiError::new(ErrorCode::NoSalesHistory, "no sales history found"),
            MlError::NotEnoughHistory(message) => {
                ApiError::new(ErrorCode::NotEnoughHistory, "not enough historical data")
                    .with_details(json!({ "reason": message }))
            }
            MlError::Source(source) => source.into(),
            MlError::Model(message) => ApiError::internal(anyhow::anyhow!(message)),
        }
    }
}

/// Rounded to 2 decimals, as the upstream showed predictions.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
