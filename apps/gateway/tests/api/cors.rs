//! CORS from configuration: the upstream's origins plus Vite's dev server.

use reqwest::StatusCode;
use testkit::TestApp;

async fn preflight(app: &TestApp, origin: &str) -> reqwest::Response {
    app.client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/me"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .expect("preflight sent")
}

#[tokio::test]
async fn a_preflight_from_an_allowed_origin_succeeds_with_credentials() {
    let app = TestApp::spawn().await;
    for origin in ["http://localhost:5173", "http://127.0.0.1:5174", "http://localhost:4173"] {
        let res = preflight(&app, origin).await;
        assert_eq!(res.status(), StatusCode::OK, "{origin}");
        assert_eq!(res.headers()["access-control-allow-origin"], origin);
        assert_eq!(res.headers()["access-control-allow-credentials"], "true");
        let methods = res.headers()["access-control-allow-methods"].to_str().unwrap().to_owned();
        assert!(methods.contains("GET") && methods.contains("POST"), "{methods}");
    }
}

#[tokio::test]
async fn other_origins_get_no_cors_grant_and_a_json_error() {
    let app = TestApp::spawn().await;
    let res = preflight(&app, "https://evil.example").await;
    assert!(res.status().is_client_error());
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["code"].is_string(), "{body}");
}

#[tokio::test]
async fn origins_come_from_configuration() {
    let app =
        TestApp::builder().with_env("APP__SERVER__CORS__ALLOWED_ORIGINS", "https://shop.example.com").spawn().await;
    assert_eq!(preflight(&app, "https://shop.example.com").await.status(), StatusCode::OK);
    assert!(preflight(&app, "http://localhost:5173").await.status().is_client_error());
    let res = app.get("/api/v1/health").header("Origin", "https://shop.example.com").send().await.unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "https://shop.example.com");
    assert!(res.headers()["access-control-expose-headers"].to_str().unwrap().contains("x-request-id"));
}
