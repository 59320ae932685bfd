//! Anomalies → alerts → deliveries, over HTTP: deduplicated, acknowledged, delivered outside the
//! request (a dead channel never fails or slows it), Slack payloads as the reference shows them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use adapter_memory::RecordingNotifier;
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn anomalies(app: &TestApp) -> Value {
    let res = app
        .client
        .post(app.url("/api/v1/ml/anomalies"))
        .json(&json!({"scope": "GLOBAL"}))
        .send()
        .await
        .expect("request sent");
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("JSON body")
}

#[tokio::test]
async fn high_anomalies_become_alerts_that_can_be_listed_and_acknowledged() {
    // Only the anomalies' alerts: no CRM run at start-up.
    let app = TestApp::builder().with_settings(|s| s.crm.run_on_startup = false).spawn().await;
    let found = anomalies(&app).await;
    let high: Vec<&Value> = found["anomalies"].as_array().unwrap().iter().filter(|a| a["severity"] == "high").collect();
    assert!(!high.is_empty(), "{found}");
    assert!(high.iter().all(|a| a["alert_id"].is_string() && a["flagged"] == true));
    let spike = high.iter().find(|a| a["type"] == "HIGH_SPIKE").expect("the injected spike");
    let list: Value = app.get("/api/v1/alerts?status=open&severity=high").send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"].as_u64().unwrap() as usize, high.len());
    let id = spike["alert_id"].as_str().unwrap();
    let res = app.client.post(app.url(&format!("/api/v1/alerts/{id}/ack"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let acked: Value = res.json().await.unwrap();
    assert_eq!((acked["status"].as_str(), acked["acknowledged_by"].as_str()), (Some("acknowledged"), Some("dev")));
    let open: Value = app.get("/api/v1/alerts?status=open").send().await.unwrap().json().await.unwrap();
    assert!(!open["items"].as_array().unwrap().iter().any(|a| a["id"] == id));
    let one: Value = app.get(&format!("/api/v1/alerts/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(one["type"], "HIGH_SPIKE");
}

#[tokio::test]
async fn alert_routes_reject_bad_ids_and_parameters() {
    let app = TestApp::spawn().await;
    let res = app.client.post(app.url("/api/v1/alerts/not-a-uuid/ack")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.client.post(app.url("/api/v1/alerts/0192f8a0-0000-7000-8000-000000000000/ack")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    for (query, field) in
        [("per_page=0", "per_page"), ("page=0", "page"), ("status=closed", "status"), ("severity=urgent", "severity")]
    {
        let body: Value = app.get(&format!("/api/v1/alerts?{query}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(body["details"]["field"], field, "{query}");
    }
}

#[tokio::test]
async fn a_dead_channel_neither_fails_nor_slows_the_request_and_is_retried_later() {
    let dead = Arc::new(RecordingNotifier::named("smtp"));
    dead.set_failing(true);
    let channel = dead.clone();
    let app = TestApp::builder()
        .with_settings(|s| s.crm.run_on_startup = false)
        .with_adapters(move |a, _| a.notifiers.push(channel))
        .spawn()
        .await;
    let started = Instant::now();
    let found = anomalies(&app).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    let high = found["anomalies"].as_array().unwrap().iter().filter(|a| a["severity"] == "high").count();
    let report = app.deliver_alerts().await;
    assert_eq!((report.sent, report.retrying), (high, high), "the log channel delivers, smtp waits to retry");
    assert!(dead.sent().is_empty());
    // The same anomalies found again raise no new notifications.
    app.client
        .post(app.url("/api/v1/ml/anomalies"))
        .json(&json!({"scope": "GLOBAL", "threshold": 3.4}))
        .send()
        .await
        .unwrap();
    assert_eq!(app.deliver_alerts().await.sent, 0);
}

#[tokio::test]
async fn slack_receives_the_reference_payload() {
    let slack = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/services/T0/B0/X"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&slack)
        .await;
    let webhook = format!("{}/services/T0/B0/X", slack.uri());
    let app = TestApp::builder().with_env("SLACK_WEBHOOK_URL", &webhook).spawn().await;
    assert!(app.adapters.summary.notifiers.contains(&"slack".to_owned()));
    anomalies(&app).await;
    let report = app.deliver_alerts().await;
    assert!(report.sent >= 2 && report.retrying == 0, "{report:?}");
    let received = slack.received_requests().await.unwrap();
    let texts: Vec<String> = received
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("🟠 *[HIGH] HIGH_SPIKE on ")), "{texts:?}");
}
