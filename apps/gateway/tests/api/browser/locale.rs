//! Numbers, amounts and dates follow `shop.locale` and `shop.currency`.

use testkit::TestApp;

use super::{DESKTOP, LOCK, assert_clean_console, browser, main_text, open, warm};

#[tokio::test]
async fn amounts_and_dates_follow_the_configured_locale_and_currency() {
    let _one = LOCK.lock().await;
    let app = TestApp::builder()
        .with_settings(|s| {
            s.shop.locale = "fr-FR".into();
            s.shop.currency = "CHF".into();
        })
        .spawn()
        .await;
    warm(&app).await;
    let b = browser(DESKTOP).await;
    open(&b, &app, "/", "overview").await;
    let revenue =
        b.execute("return document.querySelector('[data-kpi=revenue] .kpi-value').textContent;", vec![]).await.unwrap();
    let revenue = revenue.as_str().unwrap();
    // fr-FR: narrow no-break space between thousands, a decimal comma, the code after the number.
    assert!(revenue.ends_with("CHF") && revenue.contains(',') && revenue.contains('\u{202f}'), "{revenue:?}");
    let text = main_text(&b).await;
    assert!(text.contains("nov. 2026"), "French month names: {text}");
    let lang = b.execute("return document.documentElement.lang;", vec![]).await.unwrap();
    assert_eq!(lang, "fr-FR");
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
