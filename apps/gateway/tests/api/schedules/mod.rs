//! Report schedules over HTTP: CRUD with validation (422 naming the field), the scheduler
//! stepped at fixed instants (one job per tick, also with two workers on one database; the
//! latest missed tick only), restarts, the latest scheduled report (xlsx too), e-mailed reports,
//! and the built-in anomaly check and CRM daily run.

mod api;
mod builtins;
mod ticks;

use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

pub(crate) const BASE: &str = "/api/v1/reports/schedules";

/// An instant in UTC.
pub(crate) fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("a valid instant")
}

pub(crate) async fn create(app: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    let res = app.post_json(BASE, token, body).send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

pub(crate) async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    let res = app.get_with(BASE, token).send().await.expect("request sent");
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("JSON array")
}

/// A daily 07:30 Europe/Paris xlsx sales schedule (06:30 UTC in winter).
pub(crate) fn morning_sales() -> Value {
    json!({"name": "Morning sales", "hour": 7, "minute": 30, "timezone": "Europe/Paris", "type": "sales", "format": "xlsx"})
}
