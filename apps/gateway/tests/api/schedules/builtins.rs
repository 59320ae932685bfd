//! The built-in scheduled jobs, stepped: the CRM daily pipeline at 06:00 UTC (trigger
//! `schedule`) and the daily anomaly check, each once per tick even with two workers.

use std::path::Path;

use bootstrap::settings::StateBackend;
use serde_json::Value;
use testkit::TestApp;

use super::utc;

async fn on_disk(dir: &Path) -> TestApp {
    let db = dir.join("state.db");
    TestApp::builder()
        .with_settings(move |s| {
            s.state.backend = StateBackend::Sqlite;
            s.state.sqlite_path = db;
            s.crm.run_on_startup = false;
        })
        .spawn()
        .await
}

fn ran<'a>(report: &'a app::TickReport, task: &str) -> Vec<&'a Result<String, String>> {
    report.builtins.iter().filter(|(t, _)| *t == task).map(|(_, outcome)| outcome).collect()
}

#[tokio::test]
async fn the_crm_daily_run_and_the_anomaly_check_fire_on_their_ticks() {
    let app = TestApp::builder().with_settings(|s| s.crm.run_on_startup = false).spawn().await;
    // First sight: the current ticks are recorded, nothing runs (no burst on a new deployment).
    assert!(app.run_scheduler(utc(2026, 11, 23, 12, 0)).await.builtins.is_empty());

    let at_six = app.run_scheduler(utc(2026, 11, 24, 6, 0)).await;
    let crm = ran(&at_six, "crm_daily");
    assert!(matches!(crm.as_slice(), [Ok(_)]), "{at_six:?}");
    assert!(ran(&at_six, "anomaly_check").is_empty(), "the anomaly check is at 07:00");
    let runs: Value = app.get("/api/v1/crm/runs").send().await.unwrap().json().await.unwrap();
    assert_eq!(runs["items"][0]["trigger"], "schedule", "{runs}");
    assert_eq!(runs["items"][0]["status"], "succeeded", "{runs}");

    let at_seven = app.run_scheduler(utc(2026, 11, 24, 7, 0)).await;
    assert!(matches!(ran(&at_seven, "anomaly_check").as_slice(), [Ok(_)]), "{at_seven:?}");
    assert!(ran(&at_seven, "crm_daily").is_empty(), "one CRM run per tick");
    assert!(app.run_scheduler(utc(2026, 11, 24, 7, 30)).await.builtins.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_run_each_builtin_tick_once() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (on_disk(dir.path()).await, on_disk(dir.path()).await);
    let first = utc(2026, 11, 23, 12, 0);
    let _ = tokio::join!(a.run_scheduler(first), b.run_scheduler(first));
    for day in 24..27 {
        let now = utc(2026, 11, day, 7, 5);
        let (x, y) = tokio::join!(a.run_scheduler(now), b.run_scheduler(now));
        for task in ["crm_daily", "anomaly_check"] {
            assert_eq!(ran(&x, task).len() + ran(&y, task).len(), 1, "{task} on the {day}th");
        }
    }
}
