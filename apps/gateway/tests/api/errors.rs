//! The error envelope for every kind of bad request, and request ids.

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{TestApp, tokens};

async fn envelope(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    assert_eq!(res.headers()["content-type"], "application/json", "{status}");
    let body: Value = res.json().await.expect("JSON body");
    let keys: Vec<_> = body.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["code", "details", "message"], "{body}");
    (status, body)
}

#[tokio::test]
async fn unknown_routes_are_a_json_404() {
    let app = TestApp::spawn().await;
    let (status, body) = envelope(app.get("/api/v1/nope").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    insta::assert_json_snapshot!(body, @r#"
    {
      "code": "not_found",
      "details": null,
      "message": "no route for GET /api/v1/nope"
    }
    "#);
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405_with_allow() {
    let app = TestApp::spawn().await;
    let res = app.client.delete(app.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET, HEAD");
    let (status, body) = envelope(res).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed")));
    let res = app.get("/api/v1/admin/cache/invalidate").send().await.unwrap();
    assert_eq!(res.headers()["allow"], "POST");
}

#[tokio::test]
async fn json_bodies_are_checked_for_syntax_shape_type_and_size() {
    let app = TestApp::builder().with_env("APP__SERVER__JSON_LIMIT_BYTES", "1024").spawn().await;
    let url = app.url("/api/v1/admin/cache/invalidate");
    let post = |body: &'static str, ctype: &'static str| app.client.post(&url).header("content-type", ctype).body(body);

    let (status, body) = envelope(post("{\"scope\": ", "application/json").send().await.unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_json")));
    assert!(body["details"]["column"].is_number());

    let (status, body) = envelope(post("{\"scope\": 3}", "application/json").send().await.unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_body")));

    let (status, body) = envelope(post("{\"scop\": \"ml\"}", "application/json").send().await.unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_body")));
    assert!(body["message"].as_str().unwrap().contains("scop"));

    let (status, body) = envelope(post("{\"scope\": \"ml\"}", "text/plain").send().await.unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type")));

    let big = app.client.post(&url).json(&json!({ "scope": "x".repeat(4096) })).send().await.unwrap();
    let (status, body) = envelope(big).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large")));
    assert_eq!(body["details"]["limit"], 1024);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_sane_incoming_one_is_kept() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/health").send().await.unwrap();
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(generated.len(), 36, "{generated}");
    let res = app.get("/api/v1/nope").header("x-request-id", "trace-abc.123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "trace-abc.123");
    let res = app.get("/api/v1/health").header("x-request-id", "evil id; <script>").send().await.unwrap();
    assert_ne!(res.headers()["x-request-id"], "evil id; <script>");
}

#[tokio::test]
async fn auth_errors_use_the_same_envelope() {
    let app = TestApp::builder().prod_auth().spawn().await;
    let (status, body) = envelope(app.get("/api/v1/me").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    insta::assert_json_snapshot!(body, @r#"
    {
      "code": "auth_missing",
      "details": null,
      "message": "missing Authorization header"
    }
    "#);
    let res = app.get_with("/api/v1/admin/config", &tokens::user()).send().await.unwrap();
    let (_, body) = envelope(res).await;
    insta::assert_json_snapshot!(body, @r#"
    {
      "code": "forbidden",
      "details": null,
      "message": "this route requires the ADMIN role"
    }
    "#);
}
