//! Record drill-downs and daily history, and CRM text coming back as inert JSON data.

use std::sync::Arc;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig, generate};
use adapter_memory::FixedClock;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{analysed, app_with, get_json, run};

#[tokio::test]
async fn a_lead_and_an_account_drill_down_with_explanation_and_history() {
    let app = analysed().await;
    let top = get_json(&app, "/api/v1/crm/leads/scores?limit=1").await[0].clone();
    let id = top["Id"].as_str().unwrap();
    let lead = get_json(&app, &format!("/api/v1/crm/leads/{id}")).await;
    assert_eq!(lead["Lead_Score"], top["Lead_Score"]);
    let explanation = lead["explanation"].as_array().unwrap();
    let sum: f64 = explanation.iter().map(|f| f["contribution"].as_f64().unwrap()).sum();
    assert!((sum.min(100.0) - lead["Lead_Score"].as_f64().unwrap()).abs() <= 0.05 + 1e-9);
    for f in explanation {
        for key in ["factor", "raw", "normalised", "weight", "contribution"] {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
    }
    let day = testkit::today().to_string();
    assert_eq!(lead["history"], json!([{"date": day, "Lead_Score": top["Lead_Score"]}]));

    let riskiest = get_json(&app, "/api/v1/crm/churn/accounts?limit=1").await[0].clone();
    let id = riskiest["Id"].as_str().unwrap();
    let account = get_json(&app, &format!("/api/v1/crm/accounts/{id}?days=7")).await;
    assert_eq!(account["explanation"].as_array().unwrap().len(), 4);
    assert_eq!(account["history"][0]["Churn_Risk_Score"], riskiest["Churn_Risk_Score"]);

    for path in ["/api/v1/crm/leads/00QNOPE", "/api/v1/crm/accounts/001NOPE"] {
        assert_eq!(app.get(path).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn history_gives_one_point_per_day_with_a_snapshot() {
    let app = analysed().await;
    let day = testkit::today().to_string();
    let leads = get_json(&app, "/api/v1/crm/history/leads?days=30").await;
    let dist = get_json(&app, "/api/v1/crm/leads/distribution").await;
    assert_eq!(leads[0]["date"], day);
    assert_eq!(leads[0]["average_score"], dist["average_score"]);
    let pipeline = get_json(&app, "/api/v1/crm/history/pipeline").await;
    let health = get_json(&app, "/api/v1/crm/pipeline/health").await;
    assert_eq!(pipeline[0]["score"], health["health_score"]["score"]);
    // A second run the same day replaces the day's point rather than adding one.
    run(&app, json!({"dry_run": true})).await;
    let churn = get_json(&app, "/api/v1/crm/history/churn").await;
    assert_eq!(churn.as_array().unwrap().len(), 1);
    assert!(churn[0]["average_risk_score"].is_number());
}

#[tokio::test]
async fn crm_text_comes_back_as_json_data_not_markup() {
    let clock = Arc::new(FixedClock::on(testkit::today()));
    let mut data = generate(FakeCrmConfig::default(), chrono::Utc::now());
    let probe = "<script>alert(1)</script>";
    data.leads[0].first_name = Some(probe.to_owned());
    data.leads[0].company = Some("\"quoted\" & <b>bold</b>".to_owned());
    data.accounts[0].name = Some(probe.to_owned());
    let id = data.leads[0].id.clone();
    let app = app_with(Arc::new(FakeCrm::with_data(data, clock))).await;
    run(&app, json!({})).await;
    let res = app.get(&format!("/api/v1/crm/leads/{id}")).send().await.unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let raw = res.text().await.unwrap();
    // A JSON string, quotes escaped: the page renders it as text (its h() helper).
    assert!(raw.contains(r#""FirstName":"<script>alert(1)</script>""#), "{raw}");
    assert!(raw.contains(r#""Company":"\"quoted\" & <b>bold</b>""#), "{raw}");
    let lead: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(lead["FirstName"], probe);
    let accounts = get_json(&app, "/api/v1/crm/churn/accounts?limit=100").await;
    assert!(accounts.as_array().unwrap().iter().any(|a| a["Name"] == probe));
}
