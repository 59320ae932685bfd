//! CRM analytics over HTTP: runs, the reference's eight endpoints (and their seed paths),
//! history, drill-downs, CSV, parameter validation, writeback and escaping.

mod drilldown;
mod endpoints;
mod restart;
mod runs;

use std::sync::Arc;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig};
use adapter_memory::FixedClock;
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

/// A DEV gateway over the given fake CRM (shared, so tests can read what was written back).
async fn app_with(crm: Arc<FakeCrm>) -> TestApp {
    TestApp::builder()
        // Runs are started by the tests themselves.
        .with_settings(|s| s.crm.run_on_startup = false)
        .with_adapters(move |a, _| {
            a.crm_source = crm.clone();
            a.crm_writeback = crm;
        })
        .spawn()
        .await
}

fn default_crm() -> Arc<FakeCrm> {
    Arc::new(FakeCrm::new(FakeCrmConfig::default(), Arc::new(FixedClock::on(testkit::today()))))
}

async fn run(app: &TestApp, body: Value) -> Value {
    let res = app.client.post(app.url("/api/v1/crm/runs")).json(&body).send().await.expect("request sent");
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.expect("JSON body")
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).send().await.expect("request sent");
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.expect("JSON body")
}

/// A gateway on the default fake CRM with one run done.
async fn analysed() -> TestApp {
    let app = app_with(default_crm()).await;
    run(&app, json!({})).await;
    app
}
