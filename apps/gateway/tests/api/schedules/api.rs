//! The schedules API: create, list, read, patch, delete; validation; ownership.

use reqwest::StatusCode;
use serde_json::json;
use testkit::{TestApp, tokens};

use super::{BASE, create, list, morning_sales};

#[tokio::test]
async fn a_schedule_is_created_listed_read_patched_and_deleted() {
    let app = TestApp::spawn().await;
    let token = tokens::user();
    let (code, created) = create(&app, &token, &morning_sales()).await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    assert_eq!(created["cron"], "30 7 * * *");
    assert_eq!(created["timezone"], "Europe/Paris");
    assert_eq!((created["type"].as_str(), created["format"].as_str()), (Some("sales"), Some("xlsx")));
    assert_eq!((created["period"].as_str(), created["enabled"].as_bool()), (Some("daily"), Some(true)));
    // The test clock is 2026-11-23 12:00 UTC: the next 07:30 Paris is 06:30 UTC the next day.
    assert_eq!(created["next_run_at"], "2026-11-24T06:30:00+00:00");
    let id = created["id"].as_str().expect("id").to_owned();
    let url = format!("{BASE}/{id}");

    assert_eq!(list(&app, &token).await, vec![created.clone()]);
    let read: serde_json::Value = app.get_with(&url, &token).send().await.unwrap().json().await.unwrap();
    assert_eq!(read, created);

    let patch = json!({"cron": "0 6 * * MON-FRI", "timezone": "America/New_York", "recipients": ["ops@example.com"], "enabled": false});
    let res = app.client.patch(app.url(&url)).bearer_auth(&token).json(&patch).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let patched: serde_json::Value = res.json().await.unwrap();
    assert_eq!(patched["cron"], "0 6 * * MON-FRI");
    assert_eq!(patched["timezone"], "America/New_York");
    assert_eq!(patched["recipients"], json!(["ops@example.com"]));
    assert_eq!((patched["enabled"].as_bool(), &patched["next_run_at"]), (Some(false), &json!(null)));
    assert_eq!(patched["name"], "Morning sales", "unset fields keep their value");

    let res = app.client.delete(app.url(&url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(list(&app, &token).await.is_empty());
    let res = app.client.delete(app.url(&url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn invalid_schedules_are_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let token = tokens::user();
    let cases = [
        (json!({"cron": "61 * * * *"}), "cron"),
        (json!({"cron": "every day"}), "cron"),
        (json!({"cron": "0 0 6 * * *"}), "cron"),
        (json!({"hour": 25}), "hour"),
        (json!({"hour": 6, "minute": 60}), "minute"),
        (json!({"hour": 6, "timezone": "Asia/Atlantis"}), "timezone"),
        (json!({"hour": 6, "recipients": ["not-an-address"]}), "recipients"),
        (json!({"hour": 6, "recipients": ["ops@example.com\r\nBcc: x@evil.test"]}), "recipients"),
        (json!({"hour": 6, "type": "financial"}), "type"),
        (json!({"hour": 6, "format": "docx"}), "format"),
        (json!({"hour": 6, "period": "hourly"}), "period"),
        (json!({"hour": 6, "cron": "0 6 * * *"}), "cron"),
        (json!({"name": "no timetable"}), "cron"),
        (json!({"hour": "six"}), "hour"),
    ];
    for (body, field) in cases {
        let (code, error) = create(&app, &token, &body).await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert_eq!(
            (error["code"].as_str(), error["details"]["field"].as_str()),
            (Some("invalid_body"), Some(field)),
            "{body}"
        );
    }
    assert!(list(&app, &token).await.is_empty(), "nothing invalid was stored");

    let (_, created) = create(&app, &token, &morning_sales()).await;
    let url = format!("{BASE}/{}", created["id"].as_str().unwrap());
    let res = app.client.patch(app.url(&url)).bearer_auth(&token).json(&json!({"hour": 24})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = res.json().await.unwrap();
    assert_eq!(error["details"]["field"], "hour");
}

#[tokio::test]
async fn only_the_owner_sees_changes_or_deletes_a_schedule() {
    let app = TestApp::spawn().await;
    let alice = tokens::user();
    let bob = tokens::sign(&tokens::with(tokens::java_claims("USER"), "sub", json!("+33600000002")));
    let (_, created) = create(&app, &alice, &morning_sales()).await;
    let url = format!("{BASE}/{}", created["id"].as_str().unwrap());
    assert!(list(&app, &bob).await.is_empty());
    assert_eq!(app.get_with(&url, &bob).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let patch = app.client.patch(app.url(&url)).bearer_auth(&bob).json(&json!({"enabled": false})).send();
    assert_eq!(patch.await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.client.delete(app.url(&url)).bearer_auth(&bob).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(list(&app, &alice).await.len(), 1);
}
