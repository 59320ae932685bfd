//! The eight endpoints of the reference, their seed paths, CSV and parameter validation.

use reqwest::StatusCode;
use serde_json::Value;

use super::{analysed, get_json};

#[tokio::test]
async fn the_eight_endpoints_answer_with_the_reference_shapes_at_both_paths() {
    let app = analysed().await;
    let summary = get_json(&app, "/api/v1/crm/dashboard/summary").await;
    for key in ["lead_summary", "pipeline_health", "pipeline_forecast", "churn_summary", "kpis"] {
        assert!(summary[key].is_object(), "{key}: {summary}");
    }
    assert_eq!(summary["kpis"]["total_leads"], 100);
    assert_eq!(summary["churn_summary"]["total_accounts"], 25);
    let breakdown = &summary["churn_summary"]["risk_breakdown"];
    let levels: u64 = ["Low", "Medium", "High"].iter().map(|l| breakdown[l].as_u64().unwrap()).sum();
    assert_eq!(levels, 25);
    let dist = get_json(&app, "/api/v1/crm/leads/distribution").await;
    assert_eq!(dist["total_leads"], 100);
    let ranges: Vec<&String> = dist["score_ranges"].as_object().unwrap().keys().collect();
    assert_eq!(ranges.len(), 4);
    assert_eq!(summary["lead_summary"], dist);
    let leads = get_json(&app, "/api/v1/crm/leads/scores").await;
    let leads = leads.as_array().unwrap();
    assert_eq!(leads.len(), 50, "default limit");
    assert!(leads.windows(2).all(|w| w[0]["Lead_Score"].as_f64() >= w[1]["Lead_Score"].as_f64()));
    assert!(leads[0]["Id"].as_str().unwrap().starts_with("00Q") && leads[0]["Id"].as_str().unwrap().len() == 18);
    assert_eq!(leads[0]["explanation"].as_array().unwrap().len(), 6);
    let health = get_json(&app, "/api/v1/crm/pipeline/health").await;
    assert_eq!(health["stage_summary"].as_array().unwrap().len(), 7);
    for key in ["velocity_metrics", "forecast", "health_score"] {
        assert!(health[key].is_object(), "{key}");
    }
    assert!(health["recommendations"].is_array() && health["risk_indicators"].is_array());
    assert_eq!(summary["pipeline_health"], health["health_score"]);
    let funnel = get_json(&app, "/api/v1/crm/pipeline/funnel").await;
    assert_eq!(funnel.as_array().unwrap().len(), 7);
    let risk = get_json(&app, "/api/v1/crm/churn/risk").await;
    assert_eq!(risk["total_accounts"], 25);
    let accounts = get_json(&app, "/api/v1/crm/churn/accounts?limit=100").await;
    let accounts = accounts.as_array().unwrap();
    assert_eq!(accounts.len(), 25);
    assert!(accounts.iter().all(|a| !a["Risk_Factors"].as_array().unwrap().is_empty()));
    for (v1, seed) in [
        ("/api/v1/crm/dashboard/summary", "/api/dashboard/summary"),
        ("/api/v1/crm/leads/scores?limit=7", "/api/leads/scores?limit=7"),
        ("/api/v1/crm/leads/distribution", "/api/leads/distribution"),
        ("/api/v1/crm/pipeline/health", "/api/pipeline/health"),
        ("/api/v1/crm/pipeline/funnel", "/api/pipeline/funnel"),
        ("/api/v1/crm/churn/risk", "/api/churn/risk"),
        ("/api/v1/crm/churn/accounts", "/api/churn/accounts"),
        ("/api/v1/crm/alerts", "/api/alerts"),
    ] {
        assert_eq!(get_json(&app, v1).await, get_json(&app, seed).await, "{seed}");
    }
}

#[tokio::test]
async fn filters_select_by_priority_and_level() {
    let app = analysed().await;
    let dist = get_json(&app, "/api/v1/crm/leads/distribution").await;
    for p in ["Low", "Medium", "High", "Critical"] {
        let rows = get_json(&app, &format!("/api/v1/crm/leads/scores?priority={p}&limit=100")).await;
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len() as u64, dist["priority_breakdown"][p].as_u64().unwrap(), "{p}");
        assert!(rows.iter().all(|r| r["Priority"] == p));
    }
    let risk = get_json(&app, "/api/v1/crm/churn/risk").await;
    for l in ["Low", "Medium", "High"] {
        let rows = get_json(&app, &format!("/api/churn/accounts?level={l}")).await;
        assert_eq!(rows.as_array().unwrap().len() as u64, risk["risk_breakdown"][l].as_u64().unwrap(), "{l}");
    }
    assert_eq!(get_json(&app, "/api/v1/crm/leads/scores?priority=&limit=3").await.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_field() {
    let app = analysed().await;
    for (path, field) in [
        ("/api/v1/crm/leads/scores?limit=abc", "limit"),
        ("/api/leads/scores?limit=0", "limit"),
        ("/api/leads/scores?limit=-5", "limit"),
        ("/api/v1/crm/leads/scores?limit=1.5", "limit"),
        ("/api/v1/crm/leads/scores?priority=critical", "priority"),
        ("/api/leads/scores?priority=Urgent", "priority"),
        ("/api/v1/crm/churn/accounts?level=Extreme", "level"),
        ("/api/churn/accounts?limit=x", "limit"),
        ("/api/v1/crm/churn/accounts?format=xml", "format"),
        ("/api/v1/crm/history/leads?days=0", "days"),
        ("/api/v1/crm/history/churn?days=1000", "days"),
        ("/api/v1/crm/leads/scores?format=pdf", "format"),
    ] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "invalid_query", "{path}");
        assert_eq!(body["details"]["field"], field, "{path}");
    }
    let res = app.get("/api/v1/crm/history/weather").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn leads_and_accounts_export_as_csv() {
    let app = analysed().await;
    let res = app.get("/api/v1/crm/leads/scores?limit=100&format=csv").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("lead_scores.csv"));
    let text = res.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Id,FirstName,LastName,Company,Title,Email,Industry,LeadSource,Status,Lead_Score,Priority")
    );
    assert_eq!(lines.count(), 100);
    let text = app.get("/api/churn/accounts?level=High&format=csv").send().await.unwrap().text().await.unwrap();
    let risk = get_json(&app, "/api/v1/crm/churn/risk").await;
    assert!(text.starts_with("Id,Name,Industry,AnnualRevenue,Type,Churn_Risk_Score,Churn_Risk_Level,Risk_Factors\n"));
    assert_eq!(text.lines().count() as u64 - 1, risk["risk_breakdown"]["High"].as_u64().unwrap());
    assert!(text.lines().skip(1).all(|l| l.contains(",High,")), "{text}");
}

#[tokio::test]
async fn the_api_is_documented_and_the_dashboard_sees_the_crm() {
    let app = analysed().await;
    let doc: Value = get_json(&app, "/api-docs/openapi.json").await;
    for path in [
        "/api/v1/crm/dashboard/summary",
        "/api/v1/crm/leads/scores",
        "/api/v1/crm/leads/distribution",
        "/api/v1/crm/pipeline/health",
        "/api/v1/crm/pipeline/funnel",
        "/api/v1/crm/churn/risk",
        "/api/v1/crm/churn/accounts",
        "/api/v1/crm/alerts",
        "/api/v1/crm/runs",
        "/api/v1/crm/history/{kind}",
        "/api/v1/crm/leads/{id}",
        "/api/v1/crm/accounts/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} undocumented");
    }
    assert!(doc["paths"]["/api/v1/crm/runs"]["post"].is_object());
    let session = get_json(&app, "/api/v1/session").await;
    assert_eq!(session["features"]["crm"], true);
}
