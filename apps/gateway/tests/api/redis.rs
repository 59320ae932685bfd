//! The analytics cache over a real Redis: a Redis outage never fails a request, and the cache
//! goes back to Redis when it returns.

use deadpool_redis::redis;
use reqwest::StatusCode;
use serde_json::Value;
use testkit::TestApp;
use testkit::redis_server::RedisServer;

async fn analytics_keys(server: &RedisServer) -> Vec<String> {
    server.query(redis::cmd("KEYS").arg("sf:v1:analytics:*")).await
}

#[tokio::test]
async fn a_redis_outage_is_invisible_to_callers_and_redis_is_used_again_after_it_recovers() {
    let mut server = RedisServer::start();
    let app = TestApp::builder()
        .with_env("REDIS_URL", &server.url())
        .with_env("APP__CACHE__REDIS_RETRY_AFTER_MS", "0")
        .spawn()
        .await;
    assert_eq!(app.adapters.summary.cache, "redis (falls back to memory)");

    let res = app.get("/api/v1/analytics/sales?period=weekly").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(analytics_keys(&server).await.len(), 1, "the result is cached in Redis");

    server.stop();
    for path in
        ["/api/v1/analytics/sales?period=weekly", "/api/v1/analytics/sales?period=quarterly", "/api/v1/analytics/stock"]
    {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path} while Redis is down");
    }
    let ready: Value = app.get("/api/v1/health/ready").send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["status"], "ready", "Redis is optional: {ready}");
    let redis_dep = ready["dependencies"].as_array().unwrap().iter().find(|d| d["name"] == "redis").unwrap().clone();
    assert_eq!(redis_dep["up"], false);

    server.restart();
    let res = app.get("/api/v1/analytics/sales?period=monthly").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let keys = analytics_keys(&server).await;
    assert!(keys.iter().any(|k| k.contains(":sales:")), "served from Redis again: {keys:?}");
    let metrics = app.get("/metrics").send().await.unwrap().text().await.unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("cache_fallback_total") && !l.ends_with(" 0")), "{metrics}");
}
