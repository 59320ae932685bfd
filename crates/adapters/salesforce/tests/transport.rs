//! Transport contract: per-attempt timeouts (a query is retried, a Task insert never is) and the
//! `Sforce-Limit-Info` header in the logs.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapter_salesforce::SalesforceClient;
use common::{COLLECTIONS_PATH, QUERY_PATH, clock, config, lead, mount_token, now, page, password_flow};
use domain::crm::{NewTask, TaskKind};
use ports::{CrmError, CrmSource, CrmWriteback};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn slow_client(server: &MockServer) -> SalesforceClient {
    let mut cfg = config(server, password_flow());
    cfg.timeout = Duration::from_millis(300);
    cfg.retries = 1;
    SalesforceClient::new(cfg, clock()).expect("a valid config")
}

#[tokio::test]
async fn a_query_that_times_out_is_retried_then_unavailable() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[], None)).set_delay(Duration::from_secs(3)))
        .expect(2)
        .mount(&server)
        .await;
    let err = slow_client(&server).leads().await.unwrap_err();
    assert_eq!(err, CrmError::Unavailable("query Lead: no answer within 300 ms".into()));
}

#[tokio::test]
async fn a_task_insert_that_times_out_is_never_sent_twice() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[], None)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": "00T1", "success": true, "errors": []}]))
                .set_delay(Duration::from_secs(3)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let task = NewTask {
        kind: TaskKind::ChurnIntervention,
        who_id: None,
        what_id: Some("001A".into()),
        subject: "Churn intervention: Acme".into(),
        description: "Account flagged as high churn risk.".into(),
        priority: "High".into(),
        status: "Not Started".into(),
        activity_date: now().date_naive(),
        task_type: "Call".into(),
    };
    let err = slow_client(&server).create_tasks(&[task]).await.unwrap_err();
    assert_eq!(err, CrmError::Unavailable("insert Task: no answer within 300 ms".into()));
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;
    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

#[tokio::test]
async fn the_api_usage_header_is_logged() {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt().with_writer(logs.clone()).with_ansi(false).finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Sforce-Limit-Info", "api-usage=25/15000")
                .set_body_json(page(&[lead("00Q1")], None)),
        )
        .mount(&server)
        .await;
    assert_eq!(common::client(&server).leads().await.unwrap().len(), 1);
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let line = text.lines().find(|l| l.contains("Salesforce API usage")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("op=\"query Lead\"") || line.contains("op=query Lead"), "{line}");
    assert!(line.contains("api-usage=25/15000"), "{line}");
    assert!(!text.contains("hunter2"), "no credential in the logs");
}
