//! PROD in a browser: the sign-in form, HttpOnly session cookie, CSRF-protected writes,
//! proactive and on-demand refresh, sign-out, against a wiremock Java login (reference §9.6).

use serde_json::{Value, json};
use testkit::{TestApp, tokens};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{DESKTOP, LOCK, assert_clean_console, browser, main_text, open, ready, screenshot, warm};
use crate::session::auth_response;

async fn java() -> MockServer {
    let java = MockServer::start().await;
    let answer = |refresh: &str, ttl| ResponseTemplate::new(200).set_body_json(auth_response(refresh, ttl));
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/login"))
        .and(body_json(json!({"phoneNumber": "+243 81 234 5678", "password": "s3cret"})))
        // 30 s to live: inside the page's one-minute margin, so it refreshes at once.
        .respond_with(answer("refresh-1", 30))
        .expect(1)
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/refresh"))
        .and(body_json(json!({"refreshToken": "refresh-1"})))
        .respond_with(answer("refresh-2", 3600))
        .expect(1)
        .named("proactive refresh")
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/refresh"))
        .and(body_json(json!({"refreshToken": "refresh-2"})))
        .respond_with(answer("refresh-3", 3600))
        .expect(1)
        .named("refresh after an expired token")
        .mount(&java)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/auth/logout"))
        .and(body_json(json!({"refreshToken": "refresh-3"})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .named("logout")
        .mount(&java)
        .await;
    java
}

#[tokio::test]
async fn sign_in_csrf_refresh_and_sign_out_work_in_a_browser() {
    let _one = LOCK.lock().await;
    let java = java().await;
    let app = TestApp::builder().with_env("JAVA_API_URL", &format!("{}/api/v1", java.uri())).prod_auth().spawn().await;
    warm(&app).await;
    let b = browser(DESKTOP).await;

    // Not signed in: any page leads to the form.
    open(&b, &app, "/stock", "login").await;
    assert!(b.execute("return location.search;", vec![]).await.unwrap().as_str().unwrap().contains("next=%2Fstock"));
    let t = super::timing(&b, "login").await;
    assert!(t.static_bytes < 300 * 1024, "{t:?}");
    screenshot(&b, "login").await;
    b.type_into("input[name=login]", "+243 81 234 5678").await.unwrap();
    b.type_into("input[name=password]", "s3cret").await.unwrap();
    b.click("form button[type=submit]").await.unwrap();
    ready(&b, "stock").await;
    assert!(main_text(&b).await.contains("Coverage (days)"));

    // The token is out of the scripts' reach; the CSRF token is not.
    let script_cookies = b.execute("return document.cookie;", vec![]).await.unwrap();
    let script_cookies = script_cookies.as_str().unwrap();
    assert!(script_cookies.contains("sf_csrf=") && !script_cookies.contains("sf_session"), "{script_cookies}");
    let cookies = b.cookies().await.unwrap();
    let session = cookies.iter().find(|c| c["name"] == "sf_session").expect("session cookie");
    assert_eq!((session["httpOnly"].as_bool(), session["sameSite"].as_str()), (Some(true), Some("Strict")));

    // The 30-second token was refreshed right away (the proactive path).
    b.wait_for("proactive refresh", "document.cookie.includes('sf_csrf=')", super::READY).await.unwrap();
    let refreshed = || async {
        java.received_requests().await.unwrap().iter().filter(|r| r.url.path() == "/api/v1/auth/refresh").count()
    };
    for _ in 0..200 {
        if refreshed().await >= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(refreshed().await, 1);

    // A write without the CSRF header is refused even with the cookie; the page's own writes pass.
    let forged = b
        .execute_async(
            "const done = arguments[0];
             fetch('/api/v1/admin/cache/invalidate', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
               .then((r) => r.json().then((body) => done([r.status, body.code])));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(forged, json!([403, "csrf_rejected"]));
    open(&b, &app, "/alerts", "alerts").await;
    let id = b.execute("return document.querySelector('[data-ack]').dataset.ack;", vec![]).await.unwrap();
    let id = id.as_str().unwrap().to_owned();
    b.click(&format!("[data-ack=\"{id}\"]")).await.unwrap();
    b.wait_for(
        "acknowledged",
        &format!("document.querySelector('tr[data-alert=\"{id}\"]').innerText.includes('by jeanne_drc')"),
        super::READY,
    )
    .await
    .unwrap();

    // An expired access token: the next call gets 401, refreshes, and retries (on-demand path).
    let expired =
        tokens::sign(&tokens::with(tokens::java_claims("ADMIN"), "exp", json!(chrono::Utc::now().timestamp() - 3600)));
    b.add_cookie(json!({"name": "sf_session", "value": expired, "path": "/", "httpOnly": true, "sameSite": "Strict"}))
        .await
        .unwrap();
    b.click("#nav a[href='/sales']").await.unwrap();
    ready(&b, "sales").await;
    assert!(main_text(&b).await.contains("Revenue by period"));

    // Sign out: Java revokes the refresh token, the cookies go, the form comes back.
    b.click("#logout").await.unwrap();
    ready(&b, "login").await;
    let left: Vec<Value> = b.cookies().await.unwrap();
    assert!(left.iter().all(|c| c["name"] != "sf_session" && c["name"] != "sf_refresh"), "{left:?}");
    let res = app.get("/api/v1/me").send().await.unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::UNAUTHORIZED);

    // The expected 401 of the expired token and the forged write's 403; nothing else.
    assert_clean_console(&b, &["/api/v1/analytics/sales", "/api/v1/admin/cache/invalidate", "status of 401"]).await;
    b.quit().await;
    drop(java); // verifies every `.expect`
}
