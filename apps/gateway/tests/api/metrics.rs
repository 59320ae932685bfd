//! Prometheus metrics by route and status.

use testkit::TestApp;

#[tokio::test]
async fn requests_are_counted_by_route_and_status_with_latency_histograms() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        app.get("/api/v1/health").send().await.unwrap();
    }
    app.get("/api/v1/does-not-exist/12345").send().await.unwrap();
    let res = app.get("/metrics").send().await.unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = res.text().await.unwrap();
    let count = |needle: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(needle))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    // Other tests in this binary share the process-wide registry, so counts only grow.
    assert!(count(r#"http_requests_total{method="GET",route="/api/v1/health",status="200"}"#) >= 3.0, "{text}");
    assert!(count(r#"http_requests_total{method="GET",route="unmatched",status="404"}"#) >= 1.0);
    assert!(!text.contains("does-not-exist"), "raw paths must not become labels");
    assert!(text.contains(r#"http_request_duration_seconds_bucket{method="GET",route="/api/v1/health",le="0.005"}"#));
    assert!(count(r#"http_request_duration_seconds_count{method="GET",route="/api/v1/health"}"#) >= 3.0);
}
