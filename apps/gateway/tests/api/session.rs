//! Browser sessions over HTTP: sign-in through a wiremock Java (reference §9.6), cookies and
//! their attributes, cookie authentication, CSRF on cookie-authenticated writes, refresh with
//! rotation, sign-out, and the failures (wrong password, Java down, cross-site requests).

use std::collections::HashMap;

use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};
use testkit::{TestApp, tokens};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An AuthResponse as Java sends it, the access token signed with the shared secret.
pub(crate) fn auth_response(refresh: &str, ttl_secs: i64) -> Value {
    let claims = tokens::with(tokens::java_claims("ADMIN"), "exp", json!(chrono::Utc::now().timestamp() + ttl_secs));
    json!({
        "accessToken": tokens::sign(&claims), "refreshToken": refresh,
        "refreshExpiresAt": "2099-01-01T00:00:00Z", "tokenType": "Bearer", "message": "Login successful",
        "user": {"id": 7, "phoneNumber": "+243 81 234 5678", "username": "jeanne_drc", "email": null, "role": "ADMIN"}
    })
}

/// A Java answering the three auth endpoints as a user `+243 81 234 5678` / `s3cret` would see.
pub(crate) async fn java_auth() -> MockServer {
    let java = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/login"))
        .and(body_json(json!({"phoneNumber": "+243 81 234 5678", "password": "s3cret"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(auth_response("refresh-1", 3600)))
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/login"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "status": 400, "code": "RUNTIME_ERROR", "message": "Invalid phone number or password",
            "timestamp": "2026-11-23 10:00:00", "details": null})))
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/refresh"))
        .and(body_json(json!({"refreshToken": "refresh-1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(auth_response("refresh-2", 3600)))
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/refresh"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Invalid refresh token"})))
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/logout"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&java)
        .await;
    java
}

/// A PROD gateway whose identity provider is `java`.
pub(crate) async fn prod_app(java: &MockServer) -> TestApp {
    TestApp::builder().with_env("JAVA_API_URL", &format!("{}/api/v1", java.uri())).prod_auth().spawn().await
}

/// Set-Cookie headers by cookie name: (value, the whole header).
fn set_cookies(res: &reqwest::Response) -> HashMap<String, (String, String)> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|raw| {
            let (pair, _) = raw.split_once(';').unwrap_or((raw, ""));
            let (name, value) = pair.split_once('=')?;
            Some((name.trim().to_owned(), (value.trim().to_owned(), raw.to_owned())))
        })
        .collect()
}

fn cookie_header(jar: &HashMap<String, (String, String)>, names: &[&str]) -> String {
    names.iter().map(|n| format!("{n}={}", jar[*n].0)).collect::<Vec<_>>().join("; ")
}

async fn login(app: &TestApp, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/session"))
        .json(&json!({"login": " +243 81 234 5678 ", "password": password}))
        .send()
        .await
        .expect("sign-in answered")
}

#[tokio::test]
async fn sign_in_sets_http_only_same_site_cookies_that_authenticate_reads() {
    let java = java_auth().await;
    let app = prod_app(&java).await;
    let anonymous: Value = app.get("/api/v1/session").send().await.unwrap().json().await.unwrap();
    assert_eq!((anonymous["mode"].as_str(), anonymous["authenticated"].as_bool()), (Some("PROD"), Some(false)));
    assert_eq!(anonymous["reason"], "auth_missing");
    assert_eq!(anonymous["shop"], json!({"locale": "en-GB", "currency": "EUR", "timezone": "UTC"}));

    let res = login(&app, "s3cret").await;
    assert_eq!(res.status(), StatusCode::OK);
    let jar = set_cookies(&res);
    let (_, session) = &jar["sf_session"];
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict") && session.contains("Path=/;"),
        "{session}"
    );
    assert!(!session.contains("Secure"), "plain HTTP: no Secure attribute ({session})");
    let (_, refresh) = &jar["sf_refresh"];
    assert!(refresh.contains("HttpOnly") && refresh.contains("Path=/api/v1/session"), "{refresh}");
    let (_, csrf) = &jar["sf_csrf"];
    assert!(!csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"), "{csrf}");
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["authenticated"].as_bool(), body["via"].as_str()), (Some(true), Some("cookie")));
    assert_eq!(body["user"]["username"], "jeanne_drc");
    assert!(body["expires_at"].is_string());

    // The cookie authenticates API reads like a bearer token.
    let me: Value = app
        .get("/api/v1/me")
        .header(COOKIE, cookie_header(&jar, &["sf_session"]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((me["subject"].as_str(), me["roles"][0].as_str()), (Some("+243 81 234 5678"), Some("ADMIN")));
    // Without it, PROD refuses.
    assert_eq!(app.get("/api/v1/me").send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cookie_authenticated_writes_need_the_csrf_header_and_bearer_clients_do_not() {
    let java = java_auth().await;
    let app = prod_app(&java).await;
    let jar = set_cookies(&login(&app, "s3cret").await);
    let write = |csrf: Option<&str>, origin: Option<&str>| {
        let mut request = app
            .client
            .post(app.url("/api/v1/admin/cache/invalidate"))
            .header(COOKIE, cookie_header(&jar, &["sf_session", "sf_csrf"]))
            .json(&json!({}));
        if let Some(csrf) = csrf {
            request = request.header("X-CSRF-Token", csrf);
        }
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        request.send()
    };
    let res = write(None, None).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "csrf_rejected");
    let forged = format!("{}.{}", "a".repeat(32), "0".repeat(64));
    assert_eq!(write(Some(&forged), None).await.unwrap().status(), StatusCode::FORBIDDEN);
    let token = jar["sf_csrf"].0.clone();
    assert_eq!(write(Some(&token), Some("http://evil.example")).await.unwrap().status(), StatusCode::FORBIDDEN);
    let same_site = app.address.clone();
    let res = write(Some(&token), Some(&same_site)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{:?}", res.text().await);
    // Bearer clients never deal with CSRF.
    let res = app.post_json("/api/v1/admin/cache/invalidate", &tokens::admin(), &json!({})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn refresh_rotates_the_tokens_and_sign_out_revokes_and_clears_them() {
    let java = java_auth().await;
    let app = prod_app(&java).await;
    let jar = set_cookies(&login(&app, "s3cret").await);
    let res = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header(COOKIE, cookie_header(&jar, &["sf_refresh"]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let rotated = set_cookies(&res);
    assert_eq!(rotated["sf_refresh"].0, "refresh-2");
    assert_ne!(rotated["sf_csrf"].0, jar["sf_csrf"].0);

    // A refresh token Java no longer knows ends the session and clears the cookies.
    let res = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header(COOKIE, cookie_header(&jar, &["sf_refresh"]).replace("refresh-1", "stale"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(set_cookies(&res)["sf_session"].1.contains("Max-Age=0"));
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "session_expired");

    Mock::given(method("POST"))
        .and(path("/api/v1/auth/logout"))
        .and(body_json(json!({"refreshToken": "refresh-2"})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .with_priority(1)
        .named("logout of the rotated token")
        .mount(&java)
        .await;
    let res = app
        .client
        .delete(app.url("/api/v1/session"))
        .header(COOKIE, cookie_header(&rotated, &["sf_session", "sf_refresh", "sf_csrf"]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let cleared = set_cookies(&res);
    for name in ["sf_session", "sf_refresh", "sf_csrf"] {
        assert!(cleared[name].1.contains("Max-Age=0") && cleared[name].0.is_empty(), "{name}: {}", cleared[name].1);
    }
}

#[tokio::test]
async fn wrong_passwords_blank_fields_java_outages_and_cross_site_logins_are_refused_clearly() {
    let java = java_auth().await;
    let app = prod_app(&java).await;
    let res = login(&app, "wrong").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().get(SET_COOKIE).is_none());
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "invalid_credentials");

    let res =
        app.client.post(app.url("/api/v1/session")).json(&json!({"login": "", "password": "x"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["details"]["field"], "login");

    let res = app
        .client
        .post(app.url("/api/v1/session"))
        .header("Sec-Fetch-Site", "cross-site")
        .json(&json!({"login": "+243 81 234 5678", "password": "s3cret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Java is down: nothing listens on port 1.
    let app = TestApp::builder().with_env("JAVA_API_URL", "http://127.0.0.1:1/api/v1").prod_auth().spawn().await;
    let res = login(&app, "s3cret").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().get("retry-after").is_some());
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "upstream_unavailable");
}

#[tokio::test]
async fn a_token_signed_with_another_secret_is_reported_as_a_configuration_problem() {
    let java = MockServer::start().await;
    let mut body = auth_response("r", 3600);
    body["accessToken"] = json!(tokens::sign_with(
        &tokens::java_claims("USER"),
        "a-different-secret-of-32-bytes-or-more!",
        jsonwebtoken::Algorithm::HS256
    ));
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&java)
        .await;
    let app = prod_app(&java).await;
    let res = login(&app, "s3cret").await;
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    let error: Value = res.json().await.unwrap();
    assert_eq!(error["code"], "upstream_bad_response");
    assert!(error["details"]["hint"].as_str().unwrap().contains("auth.jwt_secret"));
}

#[tokio::test]
async fn dev_opens_without_signing_in_and_reports_the_shop_settings() {
    let app = TestApp::builder()
        .with_settings(|s| {
            s.shop.locale = "fr-FR".into();
            s.shop.currency = "XOF".into();
        })
        .spawn()
        .await;
    let session: Value = app.get("/api/v1/session").send().await.unwrap().json().await.unwrap();
    assert_eq!((session["authenticated"].as_bool(), session["via"].as_str()), (Some(true), Some("dev")));
    assert_eq!(session["shop"]["locale"], "fr-FR");
    assert_eq!(session["shop"]["currency"], "XOF");
    assert_eq!(session["today"], testkit::today().to_string());
    // Features follow the documented routes (the unit test in dashboard/mod.rs covers the rule).
    assert_eq!(session["features"]["reports"], true, "report jobs are served");
    for feature in ["schedules", "imports", "crm"] {
        assert!(session["features"][feature].is_boolean(), "{feature}: {session}");
    }
}
