//! Anomalies and alerts: detection shows labelled, graded days; an alert is acknowledged from
//! the page and the API agrees.

use serde_json::Value;
use testkit::TestApp;

use super::{LOCK, assert_clean_console, first_load, main_text, open, screenshot};

#[tokio::test]
async fn anomalies_are_listed_with_label_and_severity_and_an_alert_is_acknowledged() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/alerts", "alerts").await;
    let text = main_text(&b).await;
    assert!(text.contains("anomalous day") && text.contains("newest first"), "{text}");
    assert!(text.contains("HIGH_SPIKE") || text.contains("ZERO_DROP"), "labels: {text}");
    assert!(text.contains("HIGH"), "severities: {text}");
    let open_alerts = b
        .execute("return [...document.querySelectorAll('[data-ack]')].map((x) => x.dataset.ack);", vec![])
        .await
        .unwrap();
    let ids = open_alerts.as_array().unwrap().clone();
    assert!(!ids.is_empty(), "HIGH anomalies raised open alerts");
    let id = ids[0].as_str().unwrap().to_owned();
    screenshot(&b, "alerts").await;

    b.click(&format!("[data-ack=\"{id}\"]")).await.unwrap();
    b.wait_for(
        "the row shows the acknowledgement",
        &format!("document.querySelector('tr[data-alert=\"{id}\"]').innerText.includes('acknowledged')"),
        super::READY,
    )
    .await
    .unwrap();
    let stored: Value = app.get(&format!("/api/v1/alerts/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!((stored["status"].as_str(), stored["acknowledged_by"].as_str()), (Some("acknowledged"), Some("dev")));
    // The open list no longer has it after a reload.
    open(&b, &app, "/alerts?status=open", "alerts").await;
    let still = b.execute(&format!("return !!document.querySelector('[data-ack=\"{id}\"]');"), vec![]).await.unwrap();
    assert_eq!(still, false);
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
