//! The service identity of system jobs against a wiremock Java: the service account logs in
//! once (even for concurrent calls), its token is reused, refreshed through `/auth/refresh` when
//! it nears expiry, and dropped after a 401; a static system token still works on its own.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapter_java::{JavaClient, JavaConfig};
use base64::Engine;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use common::{API, api, config, system};
use ports::{Clock, Credentials, SalesSource};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A clock the test moves forward.
#[derive(Debug)]
struct MovingClock(Mutex<DateTime<Utc>>);

impl MovingClock {
    fn advance(&self, by: TimeDelta) {
        *self.0.lock().expect("the clock lock") += by;
    }
}

impl Clock for MovingClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("the clock lock")
    }

    fn now_local(&self) -> NaiveDateTime {
        self.now().naive_utc()
    }
}

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T06:00:00Z").expect("a valid instant").to_utc()
}

/// An (unsigned) JWT expiring at `exp`: the adapter only reads `exp`, Java verifies.
fn jwt(name: &str, exp: DateTime<Utc>) -> String {
    let enc = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!("{}.{}.sig-{name}", enc(json!({"alg": "HS256"})), enc(json!({"sub": "svc", "exp": exp.timestamp()})))
}

fn issued(access: &str, refresh: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "accessToken": access, "refreshToken": refresh, "refreshExpiresAt": "2026-12-08T06:00:00Z",
        "tokenType": "Bearer", "message": "ok", "user": null
    }))
}

/// `GET /products` and `/inventory` answering `[]` only to `Bearer token`, `calls` times each.
async fn catalogue_for(server: &MockServer, token: &str, calls: u64) {
    for route in ["/products", "/inventory"] {
        Mock::given(method("GET"))
            .and(path(api(route)))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .expect(calls)
            .mount(server)
            .await;
    }
}

fn service_client(server: &MockServer, clock: Arc<MovingClock>) -> JavaClient {
    let settings = JavaConfig {
        system_token: Some("static-token-is-not-used".to_owned()),
        system_login: Some(Credentials { login: "+10000000000".to_owned(), password: "svc-pass".to_owned() }),
        system_refresh_before: Duration::from_secs(300),
        retries: 0,
        ..config(format!("{}{API}", server.uri()))
    };
    JavaClient::new(settings, clock).expect("a valid configuration")
}

#[tokio::test]
async fn logs_in_once_reuses_the_token_and_refreshes_it_before_expiry() {
    let server = MockServer::start().await;
    let clock = Arc::new(MovingClock(Mutex::new(start())));
    let (first, second) = (jwt("a", start() + TimeDelta::hours(1)), jwt("b", start() + TimeDelta::hours(2)));
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .and(body_json(json!({"phoneNumber": "+10000000000", "password": "svc-pass"})))
        .respond_with(issued(&first, "refresh-1"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("/auth/refresh")))
        .and(body_json(json!({"refreshToken": "refresh-1"})))
        .respond_with(issued(&second, "refresh-2"))
        .expect(1)
        .mount(&server)
        .await;
    catalogue_for(&server, &first, 2).await;
    catalogue_for(&server, &second, 1).await;
    let client = service_client(&server, clock.clone());

    // Two calls (four concurrent requests) on the first token: one login.
    client.products(&system()).await.expect("first call");
    clock.advance(TimeDelta::minutes(50));
    client.products(&system()).await.expect("still valid 10 minutes before expiry");
    // Within the 5-minute margin: refreshed before Java would refuse it.
    clock.advance(TimeDelta::minutes(6));
    client.products(&system()).await.expect("refreshed");
    // Both requests of that call used the refreshed token: the mocks' `expect` counts say so
    // when the server is dropped.
}

#[tokio::test]
async fn a_refused_service_token_is_dropped_and_the_account_logs_in_again() {
    let server = MockServer::start().await;
    let clock = Arc::new(MovingClock(Mutex::new(start())));
    let token = jwt("a", start() + TimeDelta::hours(1));
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(issued(&token, "refresh-1"))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("/inventory")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = service_client(&server, clock);
    assert!(client.inventory(&system()).await.is_err(), "Java said 401");
    client.inventory(&system()).await.expect("a new login, then the call works");
}

#[tokio::test]
async fn a_failed_login_is_a_clear_unavailable_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api("/auth/login")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"message": "Invalid phone number or password"})))
        .mount(&server)
        .await;
    let client = service_client(&server, Arc::new(MovingClock(Mutex::new(start()))));
    let error = client.inventory(&system()).await.expect_err("no token, no call").to_string();
    assert!(error.contains("java.system_login") && error.contains("invalid login or password"), "{error}");
}

#[tokio::test]
async fn a_static_system_token_is_still_accepted_without_an_account() {
    let server = MockServer::start().await;
    catalogue_for(&server, "static-token", 1).await;
    let settings =
        JavaConfig { system_token: Some("static-token".to_owned()), ..config(format!("{}{API}", server.uri())) };
    let client = JavaClient::new(settings, Arc::new(MovingClock(Mutex::new(start())))).unwrap();
    client.products(&system()).await.expect("the static token is sent");
}
