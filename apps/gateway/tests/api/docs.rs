//! Swagger UI and the OpenAPI document, served from the binary (no network), locked in PROD.

use reqwest::StatusCode;
use serde_json::Value;
use testkit::{TestApp, tokens};

#[tokio::test]
async fn swagger_ui_and_its_assets_are_served_offline() {
    let app = TestApp::spawn().await;
    let res = app.get("/docs").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.headers()["location"], "/docs/");
    let html = app.get("/docs/").send().await.unwrap().text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    let init = app.get("/docs/swagger-initializer.js").send().await.unwrap().text().await.unwrap();
    assert!(init.contains("/api-docs/openapi.json"), "{init}");
    for asset in ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"] {
        let res = app.get(&format!("/docs/{asset}")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        assert!(res.bytes().await.unwrap().len() > 1000, "{asset}");
    }
    assert_eq!(app.get("/docs/nope.js").send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_describes_the_routes_and_bearer_auth() {
    let app = TestApp::spawn().await;
    let doc: Value = app.get("/api-docs/openapi.json").send().await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    for path in ["/api/v1/health", "/api/v1/health/ready", "/api/v1/me", "/metrics", "/api/v1/admin/cache/invalidate"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer_auth"]["scheme"], "bearer");
    assert!(doc["paths"]["/api/v1/health"]["get"]["security"].is_null(), "health must be public");
    assert!(doc["paths"]["/api/v1/me"]["get"]["security"].is_array());
}

#[tokio::test]
async fn prod_requires_a_valid_token_for_the_docs() {
    let app = TestApp::builder().prod_auth().spawn().await;
    for path in ["/docs/", "/api-docs/openapi.json"] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        let res = app.get_with(path, &tokens::user()).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
}
