//! The dashboard's files over HTTP: pages at their paths, versioned immutable assets, gzip,
//! ETag revalidation, the security headers, and `dashboard.enabled: false`.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};
use testkit::TestApp;

async fn index(app: &TestApp) -> (reqwest::header::HeaderMap, String) {
    let res = app.get("/").send().await.expect("index answered");
    assert_eq!(res.status(), StatusCode::OK);
    let headers = res.headers().clone();
    (headers, res.text().await.expect("index body"))
}

/// The `/assets/<version>/` prefix `index.html` points at.
fn version(html: &str) -> String {
    let start = html.find("/assets/").expect("an asset link") + "/assets/".len();
    html[start..].split('/').next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn every_page_path_serves_the_app_with_a_strict_csp() {
    let app = TestApp::spawn().await;
    for path in ["/", "/sales", "/stock", "/forecast", "/alerts", "/reports", "/import", "/crm", "/crm/leads", "/login"]
    {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("require-trusted-types-for 'script'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()[CACHE_CONTROL], "no-cache");
        let html = res.text().await.unwrap();
        assert!(html.contains("<script type=\"module\" src=\"/assets/"), "{path}");
        assert!(!html.contains("<script>") && !html.contains(" on"), "no inline script or handler: {path}");
    }
    // Unknown paths stay JSON 404s, not the app.
    let res = app.get("/nope").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn assets_are_versioned_immutable_gzipped_and_revalidated() {
    let app = TestApp::spawn().await;
    let (headers, html) = index(&app).await;
    let v = version(&html);
    let url = format!("/assets/{v}/vendor/chart.js/chart.umd.min.js");
    let res = app.get(&url).header(ACCEPT_ENCODING, "gzip, deflate").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let etag = res.headers()[ETAG].clone();
    let gzipped = res.bytes().await.unwrap().len();
    assert!(gzipped < 90_000, "Chart.js gzipped is {gzipped} bytes");
    let again = app.get(&url).header(IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // The page itself is revalidated by its ETag.
    let page = app.get("/").header(IF_NONE_MATCH, headers[ETAG].clone()).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_MODIFIED);
    // A page from an older build still gets its files, uncached.
    let old = app.get("/assets/0123456789ab/js/main.js").send().await.unwrap();
    assert_eq!((old.status(), old.headers()[CACHE_CONTROL].to_str().unwrap()), (StatusCode::OK, "no-cache"));
    for bad in ["/assets/x/../Cargo.toml", "/assets/x/js/nope.js", "/assets/x/"] {
        assert_eq!(app.get(bad).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn a_disabled_dashboard_sends_the_root_to_the_api_documentation() {
    let app = TestApp::builder().with_settings(|s| s.dashboard.enabled = false).spawn().await;
    let res = app.get("/").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(res.headers()["location"], "/docs/");
    assert_eq!(app.get("/assets/x/js/main.js").send().await.unwrap().status(), StatusCode::NOT_FOUND);
}
