//! A 390 px phone and a keyboard: nothing overflows the screen sideways, the menu opens from its
//! button, and every page is reachable without a mouse.

use testkit::TestApp;

use super::{LOCK, PHONE, assert_clean_console, browser, open, ready, screenshot, warm};

const NO_SIDEWAYS_SCROLL: &str = "document.documentElement.scrollWidth <= window.innerWidth";

#[tokio::test]
async fn pages_fit_a_phone_and_the_menu_works_from_the_keyboard() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    warm(&app).await;
    let b = browser(PHONE).await;
    open(&b, &app, "/", "overview").await;
    let width = b.execute("return window.innerWidth;", vec![]).await.unwrap();
    assert_eq!(width, 390);
    assert_eq!(b.execute(&format!("return {NO_SIDEWAYS_SCROLL};"), vec![]).await.unwrap(), true, "overview overflows");
    let nav_visible = "getComputedStyle(document.getElementById('nav')).display !== 'none'";
    assert_eq!(b.execute(&format!("return {nav_visible};"), vec![]).await.unwrap(), false, "menu folded on a phone");
    screenshot(&b, "overview-390").await;

    // Keyboard only, from a fresh page: the skip link comes first, then the menu button.
    open(&b, &app, "/", "overview").await;
    b.press("\u{E004}").await.unwrap(); // Tab
    let first = b.execute("return document.activeElement.className;", vec![]).await.unwrap();
    assert_eq!(first, "skip-link");
    b.press("\u{E004}").await.unwrap();
    let second = b.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(second, "nav-toggle");
    b.press("\u{E007}").await.unwrap(); // Enter opens the menu
    b.wait_for("menu open", nav_visible, super::READY).await.unwrap();
    assert_eq!(
        b.execute("return document.getElementById('nav-toggle').getAttribute('aria-expanded');", vec![]).await.unwrap(),
        "true"
    );
    // Tab to "Stock" (brand, then Overview, Sales, Stock in the menu) and press Enter.
    for _ in 0..8 {
        let label = b.execute("return document.activeElement.textContent;", vec![]).await.unwrap();
        if label == "Stock" {
            break;
        }
        b.press("\u{E004}").await.unwrap();
    }
    assert_eq!(b.execute("return document.activeElement.textContent;", vec![]).await.unwrap(), "Stock");
    b.press("\u{E007}").await.unwrap();
    b.wait_for("stock page", "location.pathname === '/stock'", super::READY).await.unwrap();
    ready(&b, "stock").await;
    assert_eq!(b.execute(&format!("return {NO_SIDEWAYS_SCROLL};"), vec![]).await.unwrap(), true, "stock overflows");
    // The wide table scrolls inside its own box, which the keyboard can reach.
    let scrolls = b.execute("const w = document.querySelector('main .table-wrap'); return w.scrollWidth > w.clientWidth && w.tabIndex === 0;", vec![]).await.unwrap();
    assert_eq!(scrolls, true);
    // Focus moved to the page heading, so a screen reader announces the new page.
    assert_eq!(b.execute("return document.activeElement.tagName;", vec![]).await.unwrap(), "H1");
    screenshot(&b, "stock-390").await;
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
