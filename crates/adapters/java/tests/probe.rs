//! The readiness probe against Spring's actuator.

mod common;

use std::net::TcpListener;

use common::{client, client_with, config};
use ports::HealthProbe;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn actuator(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/actuator/health"))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn java_up_passes() {
    let server = actuator(200, r#"{"status":"UP"}"#).await;
    assert!(client(&server).check().await.is_ok());
}

#[tokio::test]
async fn java_down_fails_with_a_short_reason() {
    let server = actuator(503, r#"{"status":"DOWN"}"#).await;

    let error = client(&server).check().await.unwrap_err();

    assert_eq!(error.to_string(), "GET /actuator/health: Java answered 503");
}

#[tokio::test]
async fn a_configured_health_url_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/custom/ready"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut custom = config(format!("{}/api/v1", server.uri()));
    custom.health_url = Some(format!("{}/custom/ready", server.uri()));

    assert!(client_with(custom).check().await.is_ok());
}

#[tokio::test]
async fn an_unreachable_java_fails_without_naming_it() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);

    let error = client_with(config(format!("http://{address}/api/v1"))).check().await.unwrap_err();

    let reason = error.to_string();
    assert!(reason.starts_with("GET /actuator/health: Java refused the connection"), "{reason}");
    assert!(!reason.contains(&address.port().to_string()), "{reason}");
}
