//! Authentication and roles with tokens minted as the Java service mints them.

use jsonwebtoken::Algorithm;
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::tokens::{self, epoch_in, java_claims, sign, sign_with, with, without};
use testkit::{JAVA_SECRET, TestApp};

async fn prod() -> TestApp {
    TestApp::builder().prod_auth().spawn().await
}

/// Status and code of `GET /api/v1/me` with the given Authorization header.
async fn me_with_header(app: &TestApp, header: Option<&str>) -> (StatusCode, Value) {
    let mut req = app.get("/api/v1/me");
    if let Some(h) = header {
        req = req.header("Authorization", h);
    }
    let res = req.send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

async fn code_for_token(app: &TestApp, token: &str) -> (StatusCode, String) {
    let (status, body) = me_with_header(app, Some(&format!("Bearer {token}"))).await;
    (status, body["code"].as_str().unwrap_or("").to_owned())
}

#[tokio::test]
async fn a_java_user_token_is_accepted_with_its_singular_role() {
    let app = prod().await;
    let (status, body) = me_with_header(&app, Some(&format!("Bearer {}", tokens::user()))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["subject"], "+243 81 234 5678");
    assert_eq!(body["username"], "jeanne_drc");
    assert_eq!(body["roles"], json!(["USER"]));
    assert_eq!(body["mode"], "PROD");
}

#[tokio::test]
async fn a_roles_list_is_honoured_alongside_role() {
    let app = prod().await;
    let token = sign(&with(java_claims("USER"), "roles", json!(["ROLE_ADMIN", "auditor"])));
    let (status, body) = me_with_header(&app, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["roles"], json!(["USER", "ADMIN", "AUDITOR"]));
    let res = app.get_with("/api/v1/admin/config", &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_failure_mode_is_a_401_with_its_own_code() {
    let app = prod().await;
    let base = java_claims("USER");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "other secret",
            sign_with(&base, "some-other-secret-of-at-least-32-bytes!", Algorithm::HS256),
            "auth_invalid_signature",
        ),
        ("expired", sign(&with(base.clone(), "exp", epoch_in(-3600))), "auth_token_expired"),
        ("not yet valid", sign(&with(base.clone(), "nbf", epoch_in(3600))), "auth_token_not_yet_valid"),
        ("wrong issuer", sign(&with(base.clone(), "iss", json!("someone-else"))), "auth_invalid_issuer"),
        ("no issuer", sign(&without(base.clone(), "iss")), "auth_invalid_claims"),
        ("no subject", sign(&without(base.clone(), "sub")), "auth_invalid_claims"),
        ("no expiry", sign(&without(base.clone(), "exp")), "auth_invalid_claims"),
        ("subject not a string", sign(&with(base.clone(), "sub", json!(42))), "auth_invalid_claims"),
        ("alg none", tokens::unsigned(&base), "auth_unsupported_algorithm"),
        ("HS512", sign_with(&base, JAVA_SECRET, Algorithm::HS512), "auth_unsupported_algorithm"),
        ("HS384", sign_with(&base, JAVA_SECRET, Algorithm::HS384), "auth_unsupported_algorithm"),
        ("garbage", "not-a-jwt".to_owned(), "auth_malformed_token"),
        ("two parts", "abc.def".to_owned(), "auth_malformed_token"),
        ("bad base64", "!!!.???.***".to_owned(), "auth_malformed_token"),
    ];
    for (name, token, expected) in cases {
        let (status, code) = code_for_token(&app, &token).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNAUTHORIZED, expected), "case {name}");
    }
}

#[tokio::test]
async fn bad_headers_are_401_with_a_challenge() {
    let app = prod().await;
    for (header, expected) in [
        (None, "auth_missing"),
        (Some("Basic dXNlcjpwYXNz"), "auth_invalid_header"),
        (Some("Bearer"), "auth_invalid_header"),
        (Some("Bearer    "), "auth_invalid_header"),
        (Some("Bearer a b"), "auth_invalid_header"),
        (Some("Token abc.def.ghi"), "auth_invalid_header"),
    ] {
        let mut req = app.get("/api/v1/me");
        if let Some(h) = header {
            req = req.header("Authorization", h);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{header:?}");
        assert!(res.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], expected, "{header:?}");
    }
}

#[tokio::test]
async fn an_expired_token_within_the_leeway_is_still_accepted() {
    let app = prod().await;
    let token = sign(&with(java_claims("USER"), "exp", epoch_in(-3)));
    assert_eq!(code_for_token(&app, &token).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let app = prod().await;
    let (status, _) = me_with_header(&app, Some(&format!("bearer {}", tokens::user()))).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_valid_token_without_the_routes_role_is_403() {
    let app = prod().await;
    let res = app.get_with("/api/v1/admin/config", &tokens::user()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "forbidden");
    let res = app.get_with("/api/v1/admin/config", &tokens::admin()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_audience_is_checked_only_when_configured() {
    let app = prod().await;
    let token = sign(&with(java_claims("USER"), "aud", json!("frontend")));
    assert_eq!(code_for_token(&app, &token).await.0, StatusCode::OK);
    let strict = TestApp::builder().prod_auth().with_env("APP__AUTH__AUDIENCE", "salesflow").spawn().await;
    assert_eq!(code_for_token(&strict, &token).await.1, "auth_invalid_audience");
}

#[tokio::test]
async fn the_upstreams_required_roles_parameter_does_not_exist() {
    let app = prod().await;
    // Upstream: any `required_roles` made every PROD call 403. Here it is just an unknown
    // parameter that changes nothing, in either direction.
    let res = app.get_with("/api/v1/me?required_roles=ADMIN", &tokens::user()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.get_with("/api/v1/admin/config?required_roles=USER", &tokens::user()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn dev_mode_bypasses_auth_but_still_checks_a_token_that_is_sent() {
    let app = TestApp::spawn().await;
    let (status, body) = me_with_header(&app, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((body["subject"].as_str(), body["roles"].clone()), (Some("dev-user"), json!(["ADMIN"])));
    assert_eq!(body["mode"], "DEV");
    let (status, body) = me_with_header(&app, Some(&format!("Bearer {}", tokens::user()))).await;
    assert_eq!((status, body["roles"].clone()), (StatusCode::OK, json!(["USER"])));
    let expired = sign(&with(java_claims("ADMIN"), "exp", epoch_in(-3600)));
    assert_eq!(code_for_token(&app, &expired).await, (StatusCode::UNAUTHORIZED, "auth_token_expired".to_owned()));
}
