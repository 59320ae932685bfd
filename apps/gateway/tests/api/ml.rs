//! The ML routes over HTTP: the upstream's request shapes, bands and models, validation.

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

async fn post(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app.client.post(app.url(path)).json(&body).send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

#[tokio::test]
async fn a_global_forecast_has_the_upstream_fields_plus_bands_model_and_backtest() {
    let app = TestApp::spawn().await;
    let (status, f) = post(&app, "/api/v1/ml/forecast", json!({"scope": "GLOBAL", "forecast_days": 14})).await;
    assert_eq!(status, StatusCode::OK, "{f}");
    assert_eq!(f["scope"], "GLOBAL");
    assert_eq!(f["dates"][0], "2026-11-23");
    assert_eq!(f["predictions"].as_array().unwrap().len(), 14);
    for key in ["lower_80", "upper_80", "lower_95", "upper_95"] {
        assert_eq!(f[key].as_array().unwrap().len(), 14, "{key}");
    }
    let (p, lo, hi) =
        (f["predictions"][0].as_f64().unwrap(), f["lower_95"][0].as_f64().unwrap(), f["upper_95"][0].as_f64().unwrap());
    assert!(lo <= p && p <= hi, "{lo} {p} {hi}");
    assert!(f["model"].is_string() && f["model"] != "auto");
    let members = f["members"].as_array().unwrap();
    assert_eq!(f["model"] == "ensemble", members.len() >= 2, "{f}");
    assert!(f["backtest"]["mase"].as_f64().unwrap() > 0.0);
    assert!(["upward", "downward", "stable"].contains(&f["summary"]["trend"].as_str().unwrap()));
    assert_eq!(f["summary"]["period_label"], "daily");
    // The recent history, for charts: the last 91 days, ending yesterday, as units sold.
    let recent = f["history"]["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 91);
    let end = f["history"]["end"].as_str().unwrap();
    assert_eq!(end, "2026-11-22");
    let day: Value = app
        .get(&format!("/api/v1/analytics/sales?start_date={end}&end_date={end}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(recent[90].as_f64(), day["kpis"]["total_quantity"].as_f64(), "{day}");
    // The upstream's {"payload": {...}} wrapper gives the same answer.
    let (_, wrapped) =
        post(&app, "/api/v1/ml/forecast", json!({"payload": {"scope": "GLOBAL", "forecast_days": 14}})).await;
    assert_eq!(wrapped, f);
}

#[tokio::test]
async fn product_forecasts_name_the_product_and_unknown_products_are_404() {
    let app = TestApp::spawn().await;
    let (status, f) = post(
        &app,
        "/api/v1/ml/forecast",
        json!({"scope": "PRODUCT", "sku": "DAI-0001", "model": "theta", "target": "revenue"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{f}");
    assert_eq!((f["product"]["sku"].as_str(), f["product_id"].as_u64()), (Some("DAI-0001"), Some(1)));
    assert_eq!((f["model"].as_str(), f["target"].as_str()), (Some("theta"), Some("revenue")));
    assert_eq!(f["predictions"].as_array().unwrap().len(), 7);
    let (status, body) = post(&app, "/api/v1/ml/forecast", json!({"scope": "PRODUCT", "name": "No Such Thing"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
}

#[tokio::test]
async fn bad_requests_are_422_naming_the_field() {
    let app = TestApp::spawn().await;
    for (body, field) in [
        (json!({"forecast_days": 7}), "scope"),
        (json!({"scope": "WORLD"}), "scope"),
        (json!({"scope": "PRODUCT"}), "sku"),
        (json!({"scope": "PRODUCT", "sku": "  "}), "sku"),
        (json!({"scope": "GLOBAL", "forecast_days": 0}), "forecast_days"),
        (json!({"scope": "GLOBAL", "forecast_days": 366}), "forecast_days"),
        (json!({"scope": "GLOBAL", "forecast_days": "seven"}), "forecast_days"),
        (json!({"scope": "GLOBAL", "model": "magic"}), "model"),
        (json!({"scope": "GLOBAL", "period": "hourly"}), "period"),
        (json!({"payload": {"scope": "GLOBAL", "target": "profit"}}), "target"),
    ] {
        let (status, err) = post(&app, "/api/v1/ml/forecast", body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {err}");
        assert_eq!(
            (err["code"].as_str(), err["details"]["field"].as_str()),
            (Some("invalid_body"), Some(field)),
            "{body}"
        );
    }
    for (body, field) in [
        (json!({"scope": "GLOBAL", "threshold": -1}), "threshold"),
        (json!({"scope": "GLOBAL", "history_days": 3}), "history_days"),
        (json!({"scope": "GLOBAL", "method": "isolation_forest"}), "method"),
    ] {
        let (status, err) = post(&app, "/api/v1/ml/anomalies", body.clone()).await;
        assert_eq!(
            (status, err["details"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{body}: {err}"
        );
    }
}

#[tokio::test]
async fn every_product_can_be_forecast_in_one_call() {
    let app = TestApp::spawn().await;
    let (status, body) = post(&app, "/api/v1/ml/forecast/batch", json!({"forecast_days": 7})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["count"], 60);
    let with_model = body["products"].as_array().unwrap().iter().filter(|p| p["model"].is_string()).count();
    assert!(with_model >= 57, "{with_model}");
}
