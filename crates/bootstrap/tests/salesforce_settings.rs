//! `crm.source: salesforce`: which OAuth flow the settings select, which credentials each flow
//! requires (errors name the setting and its `SF_*` variable), and the wiring of the adapter.

use bootstrap::settings::{SalesforceFlow, load};
use bootstrap::{Adapters, ConfigSources};

const PRIVATE_KEY: &str = include_str!("../../adapters/salesforce/tests/fixtures/jwt_test_key.pem");

fn load_env(vars: &[(&str, &str)]) -> Result<bootstrap::Settings, String> {
    let mut all = vec![("APP__CRM__SOURCE", "salesforce")];
    all.extend_from_slice(vars);
    load(&ConfigSources::from_env(all)).map(|l| l.settings).map_err(|e| e.to_string())
}

const PASSWORD_FLOW: &[(&str, &str)] = &[
    ("SF_CLIENT_ID", "3MVG9-key"),
    ("SF_CLIENT_SECRET", "secret"),
    ("SF_USERNAME", "ops@acme.example"),
    ("SF_PASSWORD", "hunter2"),
    ("SF_SECURITY_TOKEN", "TOKEN"),
];

#[test]
fn salesforce_without_credentials_is_refused_naming_every_flow() {
    let err = load_env(&[]).unwrap_err();
    for part in ["salesforce.flow", "SF_PRIVATE_KEY", "SF_PASSWORD", "SF_CLIENT_SECRET"] {
        assert!(err.contains(part), "{part} missing from: {err}");
    }
    // Other sources do not need any Salesforce setting.
    let fake = load(&ConfigSources::from_env([("APP__CRM__SOURCE", "fake")]));
    assert!(fake.is_ok());
}

#[test]
fn the_password_flow_is_inferred_and_needs_its_consumer_secret() {
    let s = load_env(PASSWORD_FLOW).unwrap();
    assert_eq!(s.salesforce.flow, SalesforceFlow::Auto);
    let config = s.salesforce.adapter_config().unwrap();
    assert_eq!(config.flow.name(), "password");
    assert_eq!(config.login_url, "https://login.salesforce.com");
    assert_eq!(config.api_version, "59.0");
    assert_eq!(config.retries, 3);

    let without_secret: Vec<_> = PASSWORD_FLOW.iter().copied().filter(|(k, _)| *k != "SF_CLIENT_SECRET").collect();
    let err = load_env(&without_secret).unwrap_err();
    assert!(err.contains("salesforce.client_secret") && err.contains("SF_CLIENT_SECRET"), "{err}");
    assert!(err.contains("password flow"), "{err}");
}

#[test]
fn the_client_credentials_flow_needs_the_my_domain_url() {
    let creds = [("SF_CLIENT_ID", "3MVG9-key"), ("SF_CLIENT_SECRET", "secret")];
    let err = load_env(&creds).unwrap_err();
    assert!(err.contains("salesforce.instance_url") && err.contains("My Domain"), "{err}");
    let mut with_url = creds.to_vec();
    with_url.push(("SF_INSTANCE_URL", "https://acme.my.salesforce.com"));
    let config = load_env(&with_url).unwrap().salesforce.adapter_config().unwrap();
    assert_eq!(config.flow.name(), "client_credentials");
    assert_eq!(config.login_url, "https://acme.my.salesforce.com");
    let mut my_domain = creds.to_vec();
    my_domain.push(("SF_DOMAIN", "acme.my.salesforce.com"));
    assert_eq!(
        load_env(&my_domain).unwrap().salesforce.adapter_config().unwrap().login_url,
        "https://acme.my.salesforce.com"
    );
}

#[test]
fn the_jwt_bearer_flow_reads_the_key_from_a_file_and_targets_the_sandbox_audience() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("sf.key");
    std::fs::write(&key, PRIVATE_KEY).unwrap();
    let key = key.to_str().unwrap();
    let vars = [
        ("SF_CLIENT_ID", "3MVG9-key"),
        ("SF_USERNAME", "bot@acme.example"),
        ("SF_PRIVATE_KEY", key),
        ("SF_DOMAIN", "test"),
    ];
    let config = load_env(&vars).unwrap().salesforce.adapter_config().unwrap();
    assert_eq!(config.login_url, "https://test.salesforce.com");
    let printed = format!("{:?}", config.flow);
    assert!(printed.contains("https://test.salesforce.com") && printed.starts_with("JwtBearer"), "{printed}");
    assert!(!printed.contains("PRIVATE KEY"), "the key never shows in Debug");

    let err = load_env(&[
        ("SF_CLIENT_ID", "k"),
        ("SF_USERNAME", "u"),
        ("SF_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\\nnope\\n-----END PRIVATE KEY-----"),
    ])
    .unwrap_err();
    assert!(err.contains("salesforce.private_key") && err.contains("RSA"), "{err}");
    let err = load_env(&[("SF_CLIENT_ID", "k"), ("SF_PRIVATE_KEY", key)]).unwrap_err();
    assert!(err.contains("salesforce.username") && err.contains("SF_USERNAME"), "{err}");
}

#[test]
fn an_explicit_flow_and_a_bad_api_version_are_checked() {
    let mut vars = PASSWORD_FLOW.to_vec();
    vars.push(("APP__SALESFORCE__FLOW", "jwt_bearer"));
    let err = load_env(&vars).unwrap_err();
    assert!(err.contains("salesforce.private_key"), "{err}");
    let mut vars = PASSWORD_FLOW.to_vec();
    vars.push(("SF_API_VERSION", "latest"));
    let err = load_env(&vars).unwrap_err();
    assert!(err.contains("salesforce.api_version"), "{err}");
}

#[tokio::test]
async fn the_composition_root_wires_salesforce_without_calling_it() {
    let mut vars = PASSWORD_FLOW.to_vec();
    vars.push(("APP__CRM__STORE", "memory"));
    let mut s = load_env(&vars).unwrap();
    s.state.backend = bootstrap::settings::StateBackend::Memory;
    let adapters = Adapters::from_settings(&s).await.unwrap();
    assert_eq!(adapters.summary.crm, "salesforce (password flow, https://login.salesforce.com)");
}

#[tokio::test]
async fn the_wired_adapter_signs_in_and_queries_as_configured() {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/services/oauth2/token"))
        .and(body_string_contains("grant_type=password"))
        .and(body_string_contains("password=hunter2TOKEN"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "t", "instance_url": server.uri()})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v60.0/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"totalSize": 1, "done": true, "records": [{"Id": "001A", "Name": "Acme"}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let uri = server.uri();
    let mut vars = PASSWORD_FLOW.to_vec();
    vars.extend([("SF_INSTANCE_URL", uri.as_str()), ("SF_API_VERSION", "60.0"), ("APP__CRM__STORE", "memory")]);
    let mut s = load_env(&vars).unwrap();
    s.state.backend = bootstrap::settings::StateBackend::Memory;
    let adapters = Adapters::from_settings(&s).await.unwrap();
    let accounts = adapters.crm_source.accounts().await.unwrap();
    assert_eq!(accounts[0].name.as_deref(), Some("Acme"));

    // PROD refuses to send the credentials over plain http.
    vars.push(("APP_ENVIRONMENT", "prod"));
    let err = load_env(&vars).unwrap_err();
    assert!(err.contains("salesforce.instance_url") && err.contains("https"), "{err}");
}
