//! The Reports page on a server without its API: hidden from the menu, and a
//! direct visit loads the page's modules (so a broken import would fail here) and says the feature
//! is not available, without a single request to the missing routes.

use testkit::TestApp;

use super::{DESKTOP, LOCK, assert_clean_console, browser, main_text, open};

#[tokio::test]
async fn pages_whose_api_is_missing_load_and_say_so_without_calling_it() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    // Only the features this build does not have yet: the others have their own page tests.
    let session: serde_json::Value =
        app.get("/api/v1/session").send().await.expect("session").json().await.expect("JSON");
    let missing: Vec<(&str, &str)> = [
        ("/reports", "reports", "reports"),
        ("/import", "import", "imports"),
        ("/crm", "crm/dashboard", "crm"),
        ("/crm/leads", "crm/leads", "crm"),
        ("/crm/pipeline", "crm/pipeline", "crm"),
        ("/crm/churn", "crm/churn", "crm"),
    ]
    .into_iter()
    .filter(|(_, _, feature)| session["features"][feature] == false)
    .map(|(path, page, _)| (path, page))
    .collect();
    let b = browser(DESKTOP).await;
    for (path, page) in missing {
        open(&b, &app, path, page).await;
        let text = main_text(&b).await;
        assert!(text.contains("not available on this server"), "{path}: {text}");
        let hidden = b
            .execute(
                &format!(
                    "const own = [...document.querySelectorAll('[data-feature]')].filter((el) => el.querySelector('a[href=\"{path}\"]')); \
                     return own.length > 0 && own.every((el) => el.hidden);"
                ),
                vec![],
            )
            .await
            .expect("menu state");
        assert_eq!(hidden, true, "{path}: the menu entry of a missing feature is hidden");
        let calls = b
            .execute(
                "return performance.getEntriesByType('resource').filter((r) => /\\/api\\/v1\\/(reports)/.test(r.name)).length;",
                vec![],
            )
            .await
            .expect("resource entries");
        assert_eq!(calls, 0, "{path}");
    }
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
