//! Runs: before the first, a run's record, dry runs, retried runs and bad bodies.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{app_with, default_crm, get_json, run};

#[tokio::test]
async fn before_any_run_the_reads_say_no_snapshot() {
    let app = app_with(default_crm()).await;
    for path in ["/api/v1/crm/dashboard/summary", "/api/leads/scores", "/api/v1/crm/churn/accounts"] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "no_crm_snapshot");
    }
    assert_eq!(get_json(&app, "/api/v1/crm/runs").await["items"], json!([]));
    assert_eq!(get_json(&app, "/api/v1/crm/history/leads").await, json!([]));
}

#[tokio::test]
async fn a_run_extracts_scores_stores_writes_back_and_is_listed() {
    let crm = default_crm();
    let app = app_with(crm.clone()).await;
    let record = run(&app, json!({})).await;
    assert_eq!(record["status"], "succeeded");
    assert_eq!(record["trigger"], "api");
    assert_eq!(record["extracted"], json!({"leads": 100, "opportunities": 60, "accounts": 25, "cases": 40}));
    let day = testkit::today();
    let snapshots: Vec<&str> = record["snapshots"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(snapshots.len(), 3);
    for (path, kind) in snapshots.iter().zip(["lead_scoring", "pipeline_health", "churn_risk"]) {
        let prefix =
            format!("analytics/{kind}/year={}/month={}/day={}/", day.format("%Y"), day.format("%m"), day.format("%d"));
        assert!(path.starts_with(&prefix) && path.ends_with(&format!("_{kind}.json")), "{path}");
    }
    let wb = &record["writeback"];
    assert_eq!(wb["dry_run"], false);
    assert_eq!(wb["lead_scores"]["written"], 100);
    assert_eq!(wb["churn_risk"]["written"], 25);
    let summary = &record["summary"];
    let critical_high = summary["critical_leads"].as_u64().unwrap() + summary["high_leads"].as_u64().unwrap();
    assert_eq!(wb["follow_up_tasks"]["written"].as_u64().unwrap(), critical_high);
    assert_eq!(wb["intervention_tasks"]["written"], summary["high_risk_accounts"]);
    assert_eq!(crm.lead_updates().len(), 100);
    assert_eq!(crm.tasks().len() as u64, critical_high + summary["high_risk_accounts"].as_u64().unwrap());
    let text = summary["text"].as_str().unwrap();
    for section in ["--- Lead Scoring ---", "--- Pipeline Health ---", "--- Churn Risk ---"] {
        assert!(text.contains(section), "{text}");
    }
    let runs = get_json(&app, "/api/v1/crm/runs").await;
    assert_eq!(runs["items"][0]["id"], record["id"]);
}

#[tokio::test]
async fn a_retried_run_creates_no_duplicate_task_and_a_dry_run_writes_nothing() {
    let crm = default_crm();
    let app = app_with(crm.clone()).await;
    let dry = run(&app, json!({"dry_run": true})).await;
    assert_eq!(dry["writeback"]["dry_run"], true);
    assert!(dry["writeback"]["lead_scores"]["written"].as_u64().unwrap() == 100, "reports what it would write");
    assert!(crm.tasks().is_empty() && crm.lead_updates().is_empty());
    let first = run(&app, json!({})).await;
    let created = crm.tasks().len();
    assert!(created > 0);
    let again = run(&app, Value::Null).await;
    assert_eq!(crm.tasks().len(), created, "no duplicate Task for the same record and day");
    let skipped = again["writeback"]["follow_up_tasks"]["skipped_duplicates"].as_u64().unwrap()
        + again["writeback"]["intervention_tasks"]["skipped_duplicates"].as_u64().unwrap();
    assert_eq!(skipped as usize, created);
    assert_eq!(again["writeback"]["follow_up_tasks"]["written"], 0);
    assert_eq!(first["writeback"]["lead_scores"], again["writeback"]["lead_scores"]);
    assert_eq!(get_json(&app, "/api/v1/crm/runs").await["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn run_bodies_are_checked() {
    let app = app_with(default_crm()).await;
    let res = app.client.post(app.url("/api/v1/crm/runs")).json(&json!({"dryrun": true})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app.client.post(app.url("/api/v1/crm/runs")).body("{nope").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.client.post(app.url("/api/v1/crm/runs")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "no body: the defaults");
    let res = app.client.delete(app.url("/api/v1/crm/runs")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn crm_alerts_are_raised_once_per_day_in_the_shared_history() {
    let app = app_with(default_crm()).await;
    run(&app, json!({})).await;
    let alerts = get_json(&app, "/api/v1/crm/alerts").await;
    let list = alerts.as_array().unwrap();
    assert!(list.iter().any(|a| a["type"] == "Daily Forecast" && a["priority"] == "info"), "{alerts}");
    assert!(list.iter().all(|a| a["timestamp"].is_string() && a["message"].is_string()));
    run(&app, json!({})).await;
    assert_eq!(get_json(&app, "/api/v1/crm/alerts").await.as_array().unwrap().len(), list.len(), "deduplicated");
    let shared = get_json(&app, "/api/v1/alerts?source=crm").await;
    assert_eq!(shared["total"].as_u64().unwrap() as usize, list.len());
    assert_eq!(get_json(&app, "/api/alerts").await, get_json(&app, "/api/v1/crm/alerts").await);
}
