//! Error states: when the system of record fails, each block says so with the API's message and
//! code and offers to try again, while the blocks that do not depend on it still work.

use testkit::TestApp;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{DESKTOP, LOCK, assert_clean_console, browser, main_text};

#[tokio::test]
async fn a_java_outage_shows_error_boxes_with_retry_and_the_rest_of_the_page_still_works() {
    let _one = LOCK.lock().await;
    // DEV auth, but the data comes from a Java service that answers 503 to everything.
    let java = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(503)).mount(&java).await;
    let app = TestApp::builder()
        .with_env("APP__DATA__SOURCE", "java")
        .with_env("JAVA_API_URL", &format!("{}/api/v1", java.uri()))
        .with_settings(|s| s.java.retries = 0)
        .spawn()
        .await;
    let b = browser(DESKTOP).await;
    b.goto(&app.url("/")).await.expect("navigation");
    b.wait_for(
        "the overview in its error state",
        "document.documentElement.dataset.state === 'error' && document.documentElement.dataset.page === 'overview'",
        super::READY,
    )
    .await
    .expect("error state");
    let text = main_text(&b).await;
    assert!(text.contains("the Java service is unavailable") && text.contains("(upstream_unavailable)"), "{text}");
    let boxes =
        b.execute("return document.querySelectorAll('main .error-box[role=alert]').length;", vec![]).await.unwrap();
    assert_eq!(boxes, 2, "sales and stock failed");
    // The alerts (here the CRM's, raised at start-up) and the CRM panel do not need Java either.
    assert!(text.contains("Open alerts (") && text.contains("Daily Forecast"), "alerts do not need Java: {text}");
    assert!(text.contains("Revenue at risk"), "the CRM panel does not need Java: {text}");
    // Try again calls the API again (and fails again, visibly, without breaking the page).
    let calls = || async { java.received_requests().await.map_or(0, |r| r.len()) };
    let before = calls().await;
    b.click("main .error-box button").await.unwrap();
    b.wait_for("a second attempt", "document.querySelectorAll('main .error-box').length === 2", super::READY)
        .await
        .unwrap();
    for _ in 0..200 {
        if calls().await > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(calls().await > before, "the retry reached Java");
    assert_clean_console(&b, &["503 (Service Unavailable)"]).await;
    b.quit().await;
}
