//! Liveness and readiness, including a dependency that is down or hangs.

use std::sync::Arc;

use async_trait::async_trait;
use ports::{HealthProbe, MockHealthProbe, ProbeError};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

#[tokio::test]
async fn liveness_keeps_the_upstream_body() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/health").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"status": "ok", "service": "FastAPI Analytics", "message": "Service is running"}));
}

#[tokio::test]
async fn ready_when_every_dependency_answers() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/health/ready").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["dependencies"][0]["name"], "sales_source");
    assert_eq!(body["dependencies"][0]["up"], true);
}

fn down() -> Arc<dyn HealthProbe> {
    let mut probe = MockHealthProbe::new();
    probe.expect_check().returning(|| Err(ProbeError("connection refused".into())));
    Arc::new(probe)
}

#[tokio::test]
async fn a_required_dependency_down_makes_it_503_with_the_reason() {
    let app = TestApp::builder().with_dependency("java", true, down()).spawn().await;
    let res = app.get("/api/v1/health/ready").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "not_ready");
    let java = body["dependencies"].as_array().unwrap().iter().find(|d| d["name"] == "java").unwrap();
    assert_eq!((java["up"].clone(), java["error"].clone()), (json!(false), json!("connection refused")));
}

#[tokio::test]
async fn an_optional_dependency_down_is_reported_but_still_ready() {
    let app = TestApp::builder().with_dependency("redis", false, down()).spawn().await;
    let res = app.get("/api/v1/health/ready").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body["dependencies"].as_array().unwrap().iter().any(|d| d["name"] == "redis" && d["up"] == false));
}

/// Never answers, like a peer that accepted the connection and went silent.
struct Hangs;

#[async_trait]
impl HealthProbe for Hangs {
    async fn check(&self) -> Result<(), ProbeError> {
        std::future::pending().await
    }
}

#[tokio::test]
async fn a_hanging_dependency_is_down_after_the_probe_timeout() {
    let app = TestApp::builder()
        .with_env("APP__SERVER__PROBE_TIMEOUT_MS", "50")
        .with_dependency("java", true, Arc::new(Hangs))
        .spawn()
        .await;
    let res = tokio::time::timeout(std::time::Duration::from_secs(5), app.get("/api/v1/health/ready").send()).await;
    let res = res.expect("readiness must not hang").unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    let java = body["dependencies"].as_array().unwrap().iter().find(|d| d["name"] == "java").unwrap();
    assert_eq!(java["error"], "no answer within 50 ms");
}
