//! Operator routes: effective configuration and cache invalidation.

use std::time::Duration;

use app::{CacheKeys, CacheScope};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{TestApp, tokens};

#[tokio::test]
async fn the_effective_configuration_is_shown_with_secrets_redacted() {
    let app = TestApp::builder().with_env("SMTP_PASSWORD", "smtp-secret-value").spawn().await;
    let body: Value =
        app.get_with("/api/v1/admin/config", &tokens::admin()).send().await.unwrap().json().await.unwrap();
    assert_eq!(body["settings"]["server"]["port"], 0);
    assert_eq!(body["settings"]["auth"]["jwt_secret"], "[REDACTED]");
    assert_eq!(body["settings"]["notify"]["smtp"]["password"], "[REDACTED]");
    assert!(body["settings"]["cache"]["redis_url"].is_null());
    assert!(body["adapters"]["sales_source"].as_str().unwrap().starts_with("fake"));
    let text = body.to_string();
    assert!(!text.contains("smtp-secret-value") && !text.contains(testkit::JAVA_SECRET));
}

#[tokio::test]
async fn cache_invalidation_removes_one_scope_or_all() {
    let app = TestApp::spawn().await;
    let cache = app.adapters.cache.clone();
    let ttl = Duration::from_secs(300);
    cache.set(&CacheKeys::key(CacheScope::Analytics, &["sales", "x"]), b"1".to_vec(), ttl).await.unwrap();
    cache.set(&CacheKeys::key(CacheScope::Analytics, &["stock"]), b"2".to_vec(), ttl).await.unwrap();
    cache.set(&CacheKeys::key(CacheScope::Ml, &["forecast"]), b"3".to_vec(), ttl).await.unwrap();

    let res = app
        .post_json("/api/v1/admin/cache/invalidate", &tokens::admin(), &json!({"scope": "analytics"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"scope": "analytics", "removed": 2}));
    assert!(cache.get(&CacheKeys::key(CacheScope::Ml, &["forecast"])).await.unwrap().is_some());

    let res = app.post_json("/api/v1/admin/cache/invalidate", &tokens::admin(), &json!({})).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"scope": null, "removed": 1}));
}

#[tokio::test]
async fn cache_invalidation_rejects_unknown_scopes_and_non_admins() {
    let app = TestApp::builder().prod_auth().spawn().await;
    let res = app
        .post_json("/api/v1/admin/cache/invalidate", &tokens::admin(), &json!({"scope": "everything"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["code"].as_str(), body["details"]["field"].as_str()), (Some("invalid_body"), Some("scope")));
    let res = app.post_json("/api/v1/admin/cache/invalidate", &tokens::user(), &json!({})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
