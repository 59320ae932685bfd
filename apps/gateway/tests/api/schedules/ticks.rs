//! The scheduler stepped at fixed instants: one report per tick (also with two workers on one
//! SQLite file), only the latest missed tick after downtime, schedules kept across a restart,
//! the latest scheduled report for xlsx (upstream defect 7), and reports e-mailed once.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use adapter_memory::RecordingReportMailer;
use app::StepOutcome;
use bootstrap::settings::StateBackend;
use calamine::{Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{TestApp, tokens};

use super::{create, list, morning_sales, utc};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A gateway whose state (and report files) live under `dir`, as a restart or a second worker
/// process would find them.
async fn on_disk(dir: &Path) -> TestApp {
    let (db, files) = (dir.join("state.db"), dir.join("reports"));
    TestApp::builder()
        .with_settings(move |s| {
            s.state.backend = StateBackend::Sqlite;
            s.state.sqlite_path = db;
            s.reports.export_dir = files;
            s.crm.run_on_startup = false;
        })
        .spawn()
        .await
}

async fn jobs(app: &TestApp, token: &str) -> Vec<Value> {
    let page: Value = app.get_with("/api/v1/reports", token).send().await.expect("sent").json().await.expect("JSON");
    page["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn each_tick_queues_one_report_and_latest_serves_the_xlsx() {
    let app = TestApp::spawn().await;
    let token = tokens::user();
    let (_, schedule) = create(&app, &token, &morning_sales()).await;
    let latest = "/api/v1/reports/scheduled/latest?type=sales&format=xlsx";
    let res = app.get_with(latest, &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "nothing scheduled has run yet");

    // Created at 12:00 UTC on the 23rd: that day's 06:30 UTC tick is before it and never runs.
    assert!(app.run_scheduler(utc(2026, 11, 24, 6, 29)).await.submitted.is_empty());
    let fired = app.run_scheduler(utc(2026, 11, 24, 6, 30)).await.submitted;
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].0.to_string(), schedule["id"].as_str().unwrap());
    assert!(app.run_scheduler(utc(2026, 11, 24, 6, 45)).await.submitted.is_empty(), "a tick runs once");
    assert!(matches!(app.run_report_jobs().await.as_slice(), [StepOutcome::Completed(_)]));

    let res = app.get_with(latest, &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], XLSX);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("analytics_sales_daily_") && disposition.ends_with(".xlsx\""), "{disposition}");
    let workbook = Xlsx::new(Cursor::new(res.bytes().await.unwrap().to_vec())).expect("calamine opens it");
    assert!(workbook.sheet_names().iter().any(|s| s == "Daily Sales"), "{:?}", workbook.sheet_names());
    let pdf = app.get_with("/api/v1/reports/scheduled/latest?type=sales&format=pdf", &token).send().await.unwrap();
    assert_eq!(pdf.status(), StatusCode::NOT_FOUND, "no pdf schedule");
    let res = app.get_with("/api/v1/reports/scheduled/latest?format=xlsx", &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["details"]["field"], "type");

    // Down from the 24th to the 27th: of the missed ticks (25th, 26th, 27th) only the latest runs.
    let after_downtime = app.run_scheduler(utc(2026, 11, 27, 9, 0)).await.submitted;
    assert_eq!(after_downtime.len(), 1, "{after_downtime:?}");
    assert_eq!(jobs(&app, &token).await.len(), 2, "the scheduled jobs are the owner's report jobs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_database_make_one_report_per_tick() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (on_disk(dir.path()).await, on_disk(dir.path()).await);
    let token = tokens::user();
    create(&a, &token, &json!({"cron": "*/15 * * * *", "type": "stock", "format": "pdf"})).await;
    let mut total = 0;
    for quarter in 0..8 {
        let now = utc(2026, 11, 23, 13, 0) + chrono::Duration::minutes(15 * quarter);
        let (x, y) = tokio::join!(a.run_scheduler(now), b.run_scheduler(now));
        let fired = x.submitted.len() + y.submitted.len();
        assert_eq!(fired, 1, "tick {now}: exactly one worker queues the report");
        total += fired;
    }
    assert_eq!((total, jobs(&a, &token).await.len()), (8, 8));
}

#[tokio::test]
async fn schedules_survive_a_restart_and_keep_firing() {
    let dir = tempfile::tempdir().unwrap();
    let token = tokens::user();
    let created = {
        let app = on_disk(dir.path()).await;
        create(&app, &token, &morning_sales()).await.1
    };
    let app = on_disk(dir.path()).await;
    assert_eq!(list(&app, &token).await, vec![created]);
    assert_eq!(app.run_scheduler(utc(2026, 11, 24, 6, 30)).await.submitted.len(), 1);
}

#[tokio::test]
async fn a_finished_scheduled_report_is_mailed_once_with_its_file() {
    let mailer = Arc::new(RecordingReportMailer::default());
    let recording = mailer.clone();
    let app = TestApp::builder().with_adapters(move |a, _| a.report_mailer = Some(recording)).spawn().await;
    let token = tokens::user();
    let mut body = morning_sales();
    body["recipients"] = json!(["ops@example.com", "boss@example.com"]);
    create(&app, &token, &body).await;

    let tick = utc(2026, 11, 24, 6, 30);
    assert_eq!(app.run_scheduler(tick).await.submitted.len(), 1);
    assert_eq!(app.run_scheduler(tick).await.mailed, 0, "not before the report is ready");
    app.run_report_jobs().await;
    assert_eq!(app.run_scheduler(tick + chrono::Duration::minutes(1)).await.mailed, 1);
    assert_eq!(app.run_scheduler(tick + chrono::Duration::minutes(2)).await.mailed, 0, "mailed once");

    let sent = mailer.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, ["ops@example.com", "boss@example.com"]);
    assert_eq!(sent[0].attachment.content_type, XLSX);
    assert!(sent[0].attachment.file_name.ends_with(".xlsx"), "{}", sent[0].attachment.file_name);
    assert!(sent[0].attachment.bytes.starts_with(b"PK"), "an xlsx is a zip");
    assert!(sent[0].subject.contains("sales"), "{}", sent[0].subject);
}

#[tokio::test]
async fn an_smtp_outage_is_retried_after_the_lease_then_given_up() {
    let mailer = Arc::new(RecordingReportMailer::default());
    let recording = mailer.clone();
    let app = TestApp::builder()
        .with_adapters(move |a, _| a.report_mailer = Some(recording))
        .with_settings(|s| {
            s.jobs.lease_secs = 300;
            s.jobs.max_attempts = 3;
        })
        .spawn()
        .await;
    let mut body = morning_sales();
    body["recipients"] = json!(["ops@example.com"]);
    create(&app, &tokens::user(), &body).await;
    let tick = utc(2026, 11, 24, 6, 30);
    app.run_scheduler(tick).await;
    app.run_report_jobs().await;
    mailer.set_failing(true);
    let minutes = |m| tick + chrono::Duration::minutes(m);
    let first = app.run_scheduler(minutes(1)).await;
    assert_eq!((first.mailed, first.mail_failures), (0, 0), "a temporary failure is retried");
    assert_eq!(app.run_scheduler(minutes(3)).await.mail_failures, 0, "not before the lease runs out");
    assert_eq!(app.run_scheduler(minutes(7)).await.mail_failures, 0, "second attempt, still retried");
    assert_eq!(app.run_scheduler(minutes(13)).await.mail_failures, 1, "third attempt: given up");
    mailer.set_failing(false);
    assert_eq!(app.run_scheduler(minutes(30)).await.mailed, 0, "a given-up mail is not sent later");
    assert!(mailer.sent().is_empty());
}
