//! The dashboard in a real browser (headless Chromium over WebDriver, see `testkit::browser`):
//! every page loads without console errors and draws its charts, alerts are acknowledged, data
//! cannot inject markup, PROD sign-in works end to end, phones and keyboards work, and each
//! page's first load is measured (Navigation and Resource Timing).
//!
//! One browser test runs at a time (`LOCK`): two Chromiums on a 2-core machine would measure
//! each other. `SALESFLOW_SCREENSHOTS=<dir>` saves the screenshots (docs/screenshots/ is made
//! that way); `SALESFLOW_PERF_OUT=<file>` appends each page's timing as a JSON line.

mod alerts;
mod crm;
mod errors;
mod import;
mod locale;
mod mobile;
mod pages;
mod prod;
mod reports;
mod unavailable;
mod xss;

use std::io::Write;
use std::time::Duration;

use serde_json::Value;
use testkit::TestApp;
use testkit::browser::Browser;

/// Serialises the browser tests.
pub(crate) static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long a page may take to become ready before the test fails (debug builds on a busy
/// machine are slow; the performance budget is asserted separately).
pub(crate) const READY: Duration = Duration::from_secs(30);

/// Desktop viewport.
pub(crate) const DESKTOP: (u32, u32) = (1280, 900);
/// A phone (iPhone 12-15 class) viewport.
pub(crate) const PHONE: (u32, u32) = (390, 844);

pub(crate) async fn browser((width, height): (u32, u32)) -> Browser {
    Browser::start(width, height)
        .await
        .expect("chromium and chromedriver start (apt-get install chromium chromium-driver)")
}

/// Generates the fake shop before the browser arrives, as the server does at start-up.
pub(crate) async fn warm(app: &TestApp) {
    if let Some(warm) = app.adapters.warm_up.clone() {
        tokio::task::spawn_blocking(move || warm()).await.expect("warm-up");
    }
}

/// Waits until the router says the current page is drawn.
pub(crate) async fn ready(b: &Browser, page: &str) {
    let condition = format!(
        "document.documentElement.dataset.state === 'ready' && document.documentElement.dataset.page === '{page}'"
    );
    b.wait_for(&format!("page {page} ready"), &condition, READY).await.expect("page ready");
}

/// Opens `path` in a fresh tab state and waits for `page` to be ready.
pub(crate) async fn open(b: &Browser, app: &TestApp, path: &str, page: &str) {
    b.goto(&app.url(path)).await.expect("navigation");
    ready(b, page).await;
}

/// Fails on any console error (script errors, CSP violations, failed loads) except those whose
/// message contains one of `allowed`.
pub(crate) async fn assert_clean_console(b: &Browser, allowed: &[&str]) {
    let errors: Vec<String> = b
        .console()
        .await
        .expect("console log")
        .into_iter()
        .filter(|e| e.level == "SEVERE")
        .map(|e| e.message)
        .filter(|m| !allowed.iter().any(|a| m.contains(a)))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// How many canvases in the page have at least one painted pixel.
pub(crate) async fn charts_drawn(b: &Browser) -> u64 {
    let script = "return [...document.querySelectorAll('main canvas')].filter((c) => {
        if (!c.width || !c.height) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
        return false;
    }).length;";
    b.execute(script, vec![]).await.expect("canvas check").as_u64().unwrap_or(0)
}

/// The visible text of `<main>`.
pub(crate) async fn main_text(b: &Browser) -> String {
    b.execute("return document.querySelector('main').innerText;", vec![])
        .await
        .expect("main text")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Saves a screenshot of the whole page (or the viewport when the name ends in `-390`: a phone
/// screen) as `<name>.png` when `SALESFLOW_SCREENSHOTS` names a directory; always checks one can
/// be taken.
pub(crate) async fn screenshot(b: &Browser, name: &str) {
    let png = b.screenshot(!name.ends_with("-390")).await.expect("screenshot");
    assert!(png.len() > 5_000 && png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    if let Some(dir) = std::env::var_os("SALESFLOW_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join(format!("{name}.png"));
        std::fs::write(&path, png).expect("screenshot written");
    }
}

/// First-load figures of the current page, from Navigation and Resource Timing.
#[derive(Debug)]
pub(crate) struct Timing {
    /// HTML + CSS + scripts (+ the chart library), compressed bytes over the wire incl. headers.
    pub(crate) static_bytes: u64,
    /// The JSON the page fetched.
    pub(crate) api_bytes: u64,
    pub(crate) dom_content_loaded_ms: f64,
    /// Until the page's data is drawn (charts included): the app's `sf:ready` mark.
    pub(crate) ready_ms: f64,
    pub(crate) requests: u64,
}

pub(crate) async fn timing(b: &Browser, page: &str) -> Timing {
    let script = "const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const ready = performance.getEntriesByName('sf:ready');
        return {
            nav: nav.transferSize, dcl: nav.domContentLoadedEventEnd,
            ready: ready.length ? ready[0].startTime : null,
            assets: res.filter((r) => new URL(r.name).pathname.startsWith('/assets/')).reduce((s, r) => s + r.transferSize, 0),
            api: res.filter((r) => new URL(r.name).pathname.startsWith('/api/')).reduce((s, r) => s + r.transferSize, 0),
            requests: res.length + 1,
        };";
    let t: Value = b.execute(script, vec![]).await.expect("timing");
    let f = |k: &str| t[k].as_f64().unwrap_or(f64::NAN);
    let timing = Timing {
        static_bytes: (f("nav") + f("assets")) as u64,
        api_bytes: f("api") as u64,
        dom_content_loaded_ms: f("dcl"),
        ready_ms: f("ready"),
        requests: f("requests") as u64,
    };
    if let Some(out) = std::env::var_os("SALESFLOW_PERF_OUT")
        && let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(out)
    {
        let _ = writeln!(
            file,
            r#"{{"page":"{page}","static_bytes":{},"api_bytes":{},"dcl_ms":{:.0},"ready_ms":{:.0},"requests":{}}}"#,
            timing.static_bytes, timing.api_bytes, timing.dom_content_loaded_ms, timing.ready_ms, timing.requests
        );
    }
    timing
}

/// Static files of one page's first load, compressed, headers included.
const BUDGET_BYTES: u64 = 300 * 1024;
/// From navigation start to the page's data drawn.
const BUDGET_MS: f64 = 1000.0;

/// Cold loads measured at most; the best one is held to the budget, because a test machine
/// shared with compilers (debug build, 2 cores) adds pauses no user would see.
const ATTEMPTS: usize = 3;

/// Opens `path` in a fresh browser (empty cache), checks the console and holds the first load to
/// the budget: every attempt starts from an emptied HTTP cache.
pub(crate) async fn first_load(app: &TestApp, path: &str, page: &str) -> Browser {
    warm(app).await;
    let b = browser(DESKTOP).await;
    let mut best: Option<Timing> = None;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            b.goto("about:blank").await.expect("blank page");
            b.clear_cache().await.expect("cache cleared");
        }
        open(&b, app, path, page).await;
        let t = timing(&b, page).await;
        eprintln!("{page} (attempt {}): {t:?}", attempt + 1);
        assert!(t.static_bytes < BUDGET_BYTES, "{page}: {} bytes of static files", t.static_bytes);
        let done = t.ready_ms < BUDGET_MS;
        if best.as_ref().is_none_or(|b| t.ready_ms < b.ready_ms) {
            best = Some(t);
        }
        if done {
            break;
        }
    }
    let best = best.expect("at least one load");
    assert!(best.ready_ms < BUDGET_MS, "{page}: ready after {} ms at best", best.ready_ms);
    assert_clean_console(&b, &[]).await;
    b
}
