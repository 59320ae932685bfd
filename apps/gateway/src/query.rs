//! A query-string extractor whose errors name the offending parameter.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::{Ready, ready};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

/// Like `web::Query`, but a bad value answers 400 `invalid_query` with `details.field`.
/// Unknown parameters are ignored (frontends add cache-busters).
#[derive(Debug)]
pub(crate) struct Query<T>(pub(crate) T);

pub(crate) fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let field = e.path().to_string();
        let message = format!("invalid query parameter `{field}`: {}", e.inner());
        ApiError::new(ErrorCode::InvalidQuery, message).with_details(json!({ "field": field }))
    })
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(parse(req.query_string()).map(Query))
    }
}

/// A strict `YYYY-MM-DD` date (chrono alone also accepts `26-01-01` as the year 26).
pub(crate) fn iso_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<chrono::NaiveDate>, D::Error> {
    let raw: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    raw.map(|s| {
        let shaped = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if !shaped {
            return Err(serde::de::Error::custom(format!("{s:?} is not a YYYY-MM-DD date")));
        }
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a valid date")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[expect(dead_code, reason = "only the parse outcome matters")]
    struct Params {
        top: Option<u32>,
        start_date: Option<chrono::NaiveDate>,
    }

    #[test]
    fn errors_name_the_field() {
        let err = parse::<Params>("top=5&start_date=2026-13-01").unwrap_err();
        assert_eq!(err.details.unwrap()["field"], "start_date");
        let err = parse::<Params>("top=-1").unwrap_err();
        assert_eq!(err.details.unwrap()["field"], "top");
        assert!(parse::<Params>("top=3&start_date=2024-02-29&_=123").is_ok());
    }
}
