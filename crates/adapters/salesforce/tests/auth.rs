//! OAuth 2.0 contract: the form each flow sends to `/services/oauth2/token`, the JWT bearer
//! assertion (claims and RS256 signature), the cached session, and one re-login on 401.

mod common;

use adapter_salesforce::{AuthFlow, JwtClaims, SalesforceClient};
use common::{QUERY_PATH, TOKEN_PATH, clock, config, form, mount_token, now, page, token_body};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use ports::{CrmError, CrmSource};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An RSA key pair generated for these tests only (`openssl genrsa 2048`); it signs nothing real.
const PRIVATE_KEY: &str = include_str!("fixtures/jwt_test_key.pem");
const PUBLIC_KEY: &str = include_str!("fixtures/jwt_test_key.pub.pem");

async fn mount_empty_query(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[], None)))
        .mount(server)
        .await;
}

/// Signs in with `flow` (through a first query) and returns the token request's form.
async fn login_form(flow: AuthFlow) -> std::collections::HashMap<String, String> {
    let server = MockServer::start().await;
    mount_token(&server, "tok-1").await;
    mount_empty_query(&server, "tok-1").await;
    let client = SalesforceClient::new(config(&server, flow), clock()).expect("a valid config");
    assert!(client.leads().await.expect("signed in").is_empty());
    let requests = server.received_requests().await.expect("recording is on");
    let token_request = requests.iter().find(|r| r.url.path() == TOKEN_PATH).expect("a token request");
    assert_eq!(token_request.method.as_str(), "POST");
    assert_eq!(
        token_request.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    form(token_request)
}

#[tokio::test]
async fn client_credentials_flow_sends_key_and_secret() {
    let f = login_form(AuthFlow::ClientCredentials { client_id: "3MVG9-key".into(), client_secret: "s3cret&=".into() })
        .await;
    let expected = [("grant_type", "client_credentials"), ("client_id", "3MVG9-key"), ("client_secret", "s3cret&=")];
    assert_eq!(f, expected.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect());
}

#[tokio::test]
async fn password_flow_appends_the_security_token_to_the_password() {
    let f = login_form(common::password_flow()).await;
    assert_eq!(f.len(), 5, "{f:?}");
    assert_eq!(f["grant_type"], "password");
    assert_eq!(f["client_id"], "3MVG9-consumer-key");
    assert_eq!(f["client_secret"], "consumer-secret");
    assert_eq!(f["username"], "ops@acme.example");
    assert_eq!(f["password"], "hunter2XYZTOKEN");
}

#[tokio::test]
async fn jwt_bearer_flow_sends_an_rs256_assertion_with_the_documented_claims() {
    let f = login_form(AuthFlow::JwtBearer {
        client_id: "3MVG9-key".into(),
        username: "integration@acme.example".into(),
        private_key_pem: PRIVATE_KEY.into(),
        audience: "https://login.salesforce.com".into(),
    })
    .await;
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f["grant_type"], "urn:ietf:params:oauth:grant-type:jwt-bearer");
    let assertion = &f["assertion"];
    assert_eq!(jsonwebtoken::decode_header(assertion).unwrap().alg, Algorithm::RS256);
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["https://login.salesforce.com"]);
    // The clock is frozen in 2026-12; the assertion's expiry is checked against it below.
    validation.validate_exp = false;
    let key = DecodingKey::from_rsa_pem(PUBLIC_KEY.as_bytes()).unwrap();
    let claims = jsonwebtoken::decode::<JwtClaims>(assertion, &key, &validation).expect("signature verifies").claims;
    assert_eq!(
        claims,
        JwtClaims {
            iss: "3MVG9-key".into(),
            sub: "integration@acme.example".into(),
            aud: "https://login.salesforce.com".into(),
            exp: now().timestamp() + 180,
        }
    );
    let tampered = format!("{}x", &assertion[..assertion.len() - 1]);
    assert!(jsonwebtoken::decode::<JwtClaims>(&tampered, &key, &validation).is_err(), "the signature is checked");
}

#[tokio::test]
async fn a_refused_login_is_unauthorized_with_salesforce_words() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": "invalid_grant", "error_description": "authentication failure"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = common::client(&server).leads().await.unwrap_err();
    assert_eq!(
        err,
        CrmError::Unauthorized(
            "login (password flow) refused with 400 Bad Request: invalid_grant: authentication failure".into()
        )
    );
    assert!(!err.to_string().contains("hunter2"), "no credential in the reason");
}

#[tokio::test]
async fn the_session_is_reused_across_calls() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok-1")))
        .expect(1)
        .mount(&server)
        .await;
    mount_empty_query(&server, "tok-1").await;
    let client = common::client(&server);
    client.leads().await.unwrap();
    client.accounts().await.unwrap();
    client.cases().await.unwrap();
}

#[tokio::test]
async fn an_expired_session_signs_in_again_once_and_repeats_the_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok-1")))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok-2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[common::lead("00Q000000000001AAA")], None)))
        .expect(1)
        .mount(&server)
        .await;
    let leads = common::client(&server).leads().await.unwrap();
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0].id, "00Q000000000001AAA");
}

#[tokio::test]
async fn a_session_refused_after_the_relogin_is_unauthorized_without_a_loop() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok")))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])),
        )
        .expect(2)
        .mount(&server)
        .await;
    let err = common::client(&server).leads().await.unwrap_err();
    let CrmError::Unauthorized(reason) = err else { panic!("expected Unauthorized, got {err:?}") };
    assert!(reason.contains("INVALID_SESSION_ID"), "{reason}");
}

#[tokio::test]
async fn concurrent_calls_refused_together_share_one_relogin() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok-1")))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(&server, "tok-2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])),
        )
        .expect(4)
        .mount(&server)
        .await;
    mount_empty_query(&server, "tok-2").await;
    let client = common::client(&server);
    // As a pipeline run extracts: the four objects at once.
    let (l, o, a, c) = tokio::join!(client.leads(), client.opportunities(), client.accounts(), client.cases());
    assert!(l.is_ok() && o.is_ok() && a.is_ok() && c.is_ok());
}
