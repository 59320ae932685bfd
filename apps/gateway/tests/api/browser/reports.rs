//! Reports: a job is created from the page, the worker (stepped by the test) generates it, the
//! page shows it completed and its download link serves the file.

use testkit::TestApp;

use super::{LOCK, assert_clean_console, first_load, main_text, screenshot};

#[tokio::test]
async fn a_report_job_is_created_watched_and_downloaded() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/reports", "reports").await;
    let text = main_text(&b).await;
    assert!(text.contains("New report") && text.contains("No report yet"), "{text}");
    assert!(text.contains("Report schedules are not available"), "schedules are not built yet: {text}");

    // Format: the second select of the form.
    b.execute(
        "const s = [...document.querySelectorAll('main select')][1]; s.value = 'xlsx'; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .unwrap();
    b.execute(
        "[...document.querySelectorAll('main button')].find((x) => x.innerText.includes('Create report')).click();",
        vec![],
    )
    .await
    .unwrap();
    b.wait_for("the job is queued", "document.querySelector('main').innerText.includes('queued')", super::READY)
        .await
        .unwrap();
    let outcomes = app.run_report_jobs().await;
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    b.wait_for(
        "the job is completed with a download link",
        "!!document.querySelector('main a[href$=\"/download\"]')",
        super::READY,
    )
    .await
    .unwrap();
    let fetched = b
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const a = document.querySelector('main a[href$=\"/download\"]'); \
             fetch(a.href).then((r) => done([r.status, r.headers.get('content-type')]));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched[0], 200, "{fetched}");
    assert!(fetched[1].as_str().unwrap().contains("spreadsheetml"), "{fetched}");
    let text = main_text(&b).await;
    assert!(text.contains("completed") && text.contains("Download XLSX"), "{text}");
    screenshot(&b, "reports").await;
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
