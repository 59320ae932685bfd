//! Report jobs over HTTP: queue → worker step → status → download read back with calamine; only
//! the owner sees a job; the system of record down → retried, then `failed` with a clear error;
//! bad requests → 422 naming the field; list and delete.

use std::io::Cursor;
use std::sync::Arc;

use app::StepOutcome;
use calamine::{Reader, Xlsx};
use ports::{MockSalesSource, SourceError};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{TestApp, tokens};

async fn submit(app: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    let res = app.post_json("/api/v1/reports", token, body).send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

async fn status(app: &TestApp, token: &str, url: &str) -> (StatusCode, Value) {
    let res = app.get_with(url, token).send().await.expect("request sent");
    (res.status(), res.json().await.expect("JSON body"))
}

#[tokio::test]
async fn a_queued_xlsx_report_is_generated_by_the_worker_and_downloaded() {
    let app = TestApp::spawn().await;
    let token = tokens::user();
    let (code, queued) =
        submit(&app, &token, &json!({"type": "combined", "format": "xlsx", "period": "quarterly"})).await;
    assert_eq!(code, StatusCode::ACCEPTED, "{queued}");
    let url = queued["status_url"].as_str().expect("status_url").to_owned();
    assert_eq!(queued["job"]["status"], "queued");
    assert_eq!(status(&app, &token, &url).await.1["status"], "queued", "nothing runs until the worker steps");

    let outcomes = app.run_report_jobs().await;
    assert!(matches!(outcomes.as_slice(), [StepOutcome::Completed(_)]), "{outcomes:?}");
    let (code, done) = status(&app, &token, &url).await;
    assert_eq!(
        (code, done["status"].as_str(), done["progress"].as_u64()),
        (StatusCode::OK, Some("completed"), Some(100))
    );
    let sha = done["artifact"]["sha256"].as_str().expect("sha256").to_owned();
    assert_eq!(sha.len(), 64);

    let download = done["download_url"].as_str().expect("download_url");
    let res = app.get_with(download, &token).send().await.expect("download");
    assert_eq!(res.status(), StatusCode::OK);
    let headers = res.headers().clone();
    assert_eq!(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(disposition.starts_with("attachment") && disposition.contains(".xlsx"), "{disposition}");
    assert_eq!(headers["etag"].to_str().expect("ascii"), format!("\"{sha}\""));
    let bytes = res.bytes().await.expect("body");
    assert_eq!(bytes.len() as u64, done["artifact"]["bytes"].as_u64().expect("bytes"));
    let workbook = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the report");
    let sheets = workbook.sheet_names();
    assert!(sheets.iter().any(|s| s == "Overview") && sheets.iter().any(|s| s == "Critical Stock"), "{sheets:?}");

    let again =
        app.get_with(download, &token).header("If-None-Match", format!("\"{sha}\"")).send().await.expect("sent");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn only_the_owner_sees_a_job_and_it_can_be_listed_and_deleted() {
    let app = TestApp::spawn().await;
    let (alice, bob) =
        (tokens::user(), tokens::sign(&tokens::with(tokens::java_claims("USER"), "sub", json!("+33600000002"))));
    let (_, queued) = submit(&app, &alice, &json!({"type": "stock", "format": "xlsx"})).await;
    let id = queued["job_id"].as_str().expect("job_id");
    let url = format!("/api/v1/reports/{id}");
    assert_eq!(status(&app, &bob, &url).await.0, StatusCode::NOT_FOUND, "another user's job is not found");
    let download = format!("{url}/download");
    assert_eq!(
        app.get_with(&download, &alice).send().await.expect("sent").status(),
        StatusCode::NOT_FOUND,
        "not ready"
    );
    app.run_report_jobs().await;
    assert_eq!(app.get_with(&download, &bob).send().await.expect("sent").status(), StatusCode::NOT_FOUND);

    let (code, list) = status(&app, &alice, "/api/v1/reports?status=completed").await;
    assert_eq!((code, list["total"].as_u64()), (StatusCode::OK, Some(1)), "{list}");
    assert_eq!((list["items"][0]["id"].as_str(), list["items"][0]["type"].as_str()), (Some(id), Some("stock")));
    assert_eq!(status(&app, &bob, "/api/v1/reports").await.1["total"], 0);
    assert_eq!(status(&app, &alice, "/api/v1/reports?status=done").await.1["details"]["field"], "status");

    let res = app.client.delete(app.url(&url)).bearer_auth(&bob).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "bob cannot delete alice's job");
    let res = app.client.delete(app.url(&url)).bearer_auth(&alice).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &alice, &url).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get_with(&download, &alice).send().await.expect("sent").status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_system_of_record_outage_is_retried_then_fails_with_a_clear_error() {
    let mut source = MockSalesSource::new();
    let down = || SourceError::Unavailable { reason: "connection refused".into(), retry_after: None };
    source.expect_products().returning(move |_| Err(down()));
    source.expect_sales_since().returning(move |_, _| Err(down()));
    source.expect_inventory().returning(move |_| Err(down()));
    let app = TestApp::builder()
        .with_sales_source(Arc::new(source))
        .with_settings(|s| (s.jobs.retry_backoff_secs, s.jobs.max_attempts) = (0, 3))
        .spawn()
        .await;
    let token = tokens::user();
    let (_, queued) = submit(&app, &token, &json!({"type": "sales", "format": "xlsx"})).await;
    let outcomes = app.run_report_jobs().await;
    assert!(
        matches!(outcomes.as_slice(), [StepOutcome::Retrying(_), StepOutcome::Retrying(_), StepOutcome::Failed(_)]),
        "bounded retries: {outcomes:?}"
    );
    let (_, failed) = status(&app, &token, queued["status_url"].as_str().expect("url")).await;
    assert_eq!((failed["status"].as_str(), failed["attempts"].as_u64()), (Some("failed"), Some(3)), "{failed}");
    assert!(failed["error"].as_str().expect("error").contains("unavailable"), "{failed}");
    assert!(failed["artifact"].is_null() && failed["download_url"].is_null());
}

#[tokio::test]
async fn bad_requests_name_the_field() {
    let app = TestApp::spawn().await;
    let token = tokens::user();
    for (body, field) in [
        (json!({"type": "everything"}), "type"),
        (json!({"format": "docx"}), "format"),
        (json!({"period": "hourly"}), "period"),
        (json!({"format": "xlsx", "start_date": "2026-11-01"}), "start_date"),
        (json!({"format": "xlsx", "start_date": "2026-11-30", "end_date": "2026-11-01"}), "start_date"),
        (json!({"start_date": "yesterday", "end_date": "2026-11-01"}), "start_date"),
    ] {
        let (code, error) = submit(&app, &token, &body).await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert_eq!(error["details"]["field"], field, "{body}: {error}");
    }
    let res = app.get_with("/api/v1/reports/not-a-uuid", &token).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.client.get(app.url("/api/v1/reports")).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::OK, "DEV: the dev user");
}
