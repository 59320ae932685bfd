//! Reports: a job is created from the page, the worker (stepped by the test) generates it, the
//! page shows it completed and its download link serves the file; a schedule is created from
//! the page (a bad cron first, refused naming the field) and listed.

use testkit::TestApp;

use super::{LOCK, assert_clean_console, first_load, main_text, screenshot};

#[tokio::test]
async fn a_report_job_is_created_watched_and_downloaded() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/reports", "reports").await;
    let text = main_text(&b).await;
    assert!(text.contains("New report") && text.contains("No report yet"), "{text}");
    assert!(text.contains("No schedule yet"), "schedules are listed: {text}");

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

    // A schedule from the "New schedule" form (the last form on the page).
    let fill = |cron: &str| {
        format!(
            "const field = (label) => [...document.querySelectorAll('main .field')].reverse()                .find((f) => f.querySelector('label').innerText.startsWith(label)).querySelector('input');              field('Name').value = 'Morning sales'; field('Cron').value = '{cron}';              field('Time zone').value = 'Europe/Paris';              [...document.querySelectorAll('main button')].find((x) => x.innerText.includes('Add schedule')).click();"
        )
    };
    b.execute(&fill("61 * * * *"), vec![]).await.unwrap();
    b.wait_for("the bad cron is refused", "document.querySelector('main').innerText.includes('(cron)')", super::READY)
        .await
        .unwrap();
    b.execute(&fill("30 7 * * *"), vec![]).await.unwrap();
    b.wait_for(
        "the schedule is listed",
        "[...document.querySelectorAll('main td')].some((td) => td.innerText === '30 7 * * *')",
        super::READY,
    )
    .await
    .unwrap();
    let text = main_text(&b).await;
    assert!(text.contains("Morning sales") && text.contains("Europe/Paris"), "{text}");
    let stored: serde_json::Value = app.get("/api/v1/reports/schedules").send().await.unwrap().json().await.unwrap();
    assert_eq!(stored.as_array().map(Vec::len), Some(1), "{stored}");
    assert_eq!(
        (stored[0]["cron"].as_str(), stored[0]["timezone"].as_str()),
        (Some("30 7 * * *"), Some("Europe/Paris"))
    );
    screenshot(&b, "reports").await;
    // The refused cron is the one expected failed load.
    assert_clean_console(
        &b,
        &["/api/v1/reports/schedules - Failed to load resource: the server responded with a status of 422"],
    )
    .await;
    b.quit().await;
}
