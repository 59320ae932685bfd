//! Sign-in against Java's `/auth/login`, `/auth/refresh`, `/auth/logout` (reference §9.6).

mod common;

use std::time::Duration;

use common::{api, assert_hides_address, client, client_with, config};
use domain::AccessToken;
use ports::{Credentials, IdentityError, IdentityProvider};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn credentials() -> Credentials {
    Credentials { login: "+243 81 234 5678".to_owned(), password: "s3cret".to_owned() }
}

fn auth_response(access: &str, refresh: &str, message: &str) -> serde_json::Value {
    json!({
        "accessToken": access, "refreshToken": refresh, "refreshExpiresAt": "2026-12-04T14:00:00Z",
        "tokenType": "Bearer", "message": message,
        "user": {"id": 7, "phoneNumber": "+243 81 234 5678", "username": "jeanne_drc", "email": null,
                 "role": "ADMIN", "createdAt": "2026-01-01T00:00:00", "updatedAt": "2026-01-01T00:00:00"}
    })
}

fn runtime_error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "status": status, "code": "RUNTIME_ERROR", "message": message, "timestamp": "2026-11-20 10:00:00", "details": null
    }))
}

#[tokio::test]
async fn login_sends_the_phone_and_password_without_any_token_and_reads_the_tokens() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .and(body_json(json!({"phoneNumber": "+243 81 234 5678", "password": "s3cret"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(auth_response("acc-1", "ref-1", "Login successful")))
        .expect(1)
        .mount(&server)
        .await;
    // A configured system token must never be sent to the sign-in endpoints.
    let mut settings = config(format!("{}{}", server.uri(), common::API));
    settings.system_token = Some("system-token".to_owned());
    let tokens = client_with(settings).login(&credentials()).await.unwrap();
    assert_eq!(tokens.access.expose(), "acc-1");
    assert_eq!(tokens.refresh.expose(), "ref-1");
    assert_eq!(tokens.refresh_expires_at.map(|t| t.to_rfc3339()).as_deref(), Some("2026-12-04T14:00:00+00:00"));
    let received: Vec<Request> = server.received_requests().await.unwrap();
    assert!(received.iter().all(|r| !r.headers.contains_key("authorization")));
}

#[tokio::test]
async fn a_wrong_password_is_invalid_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(runtime_error(400, "Invalid phone number or password"))
        .mount(&server)
        .await;
    let error = client(&server).login(&credentials()).await.unwrap_err();
    assert!(matches!(error, IdentityError::InvalidCredentials), "{error:?}");
}

#[tokio::test]
async fn a_success_without_tokens_breaks_the_contract() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message": "Login successful"})))
        .mount(&server)
        .await;
    let error = client(&server).login(&credentials()).await.unwrap_err();
    assert!(matches!(error, IdentityError::BadResponse { .. }), "{error:?}");
}

#[tokio::test]
async fn a_java_failure_is_unavailable_and_hides_the_address() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(ResponseTemplate::new(503))
        .expect(1) // a POST is never repeated
        .mount(&server)
        .await;
    let error = client(&server).login(&credentials()).await.unwrap_err();
    assert!(matches!(error, IdentityError::Unavailable { .. }), "{error:?}");
    assert_hides_address(&server, &error.to_string());
}

#[tokio::test]
async fn a_slow_java_times_out_as_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let mut settings = config(format!("{}{}", server.uri(), common::API));
    settings.timeout = Duration::from_millis(200);
    let error = client_with(settings).login(&credentials()).await.unwrap_err();
    assert!(matches!(error, IdentityError::Unavailable { .. }), "{error:?}");
}

#[tokio::test]
async fn refresh_sends_the_refresh_token_and_reads_the_rotated_pair() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/refresh")))
        .and(body_json(json!({"refreshToken": "ref-1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(auth_response("acc-2", "ref-2", "Token refreshed")))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = client(&server).refresh(&AccessToken::new("ref-1")).await.unwrap();
    assert_eq!((tokens.access.expose(), tokens.refresh.expose()), ("acc-2", "ref-2"));
}

#[tokio::test]
async fn an_expired_refresh_token_is_rejected_with_java_s_words() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/refresh")))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Refresh token expired"})))
        .mount(&server)
        .await;
    match client(&server).refresh(&AccessToken::new("old")).await.unwrap_err() {
        IdentityError::RefreshRejected(why) => assert_eq!(why, "Refresh token expired"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn logout_revokes_the_refresh_token_and_tolerates_an_unknown_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/logout")))
        .and(body_json(json!({"refreshToken": "ref-1"})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("/auth/logout")))
        .and(body_json(json!({"refreshToken": "gone"})))
        .respond_with(runtime_error(400, "Invalid refresh token"))
        .expect(1)
        .mount(&server)
        .await;
    let java = client(&server);
    java.logout(&AccessToken::new("ref-1")).await.unwrap();
    java.logout(&AccessToken::new("gone")).await.unwrap();
}

#[tokio::test]
async fn logout_while_java_fails_is_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/logout")))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let error = client(&server).logout(&AccessToken::new("ref-1")).await.unwrap_err();
    assert!(matches!(error, IdentityError::Unavailable { .. }), "{error:?}");
}
