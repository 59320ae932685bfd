//! Interop with clients we did not write: a token minted by PyJWT (Debian's python3-jwt) is
//! accepted exactly as one from the Java service.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::Value;
use testkit::{JAVA_SECRET, TestApp};

/// Debian's interpreter, where python3-jwt lives (a pyenv `python3` earlier on PATH lacks it).
const PYTHON: &str = "/usr/bin/python3";

fn pyjwt(claims_py: &str, secret: &str, algorithm: &str) -> String {
    let script = format!(
        "import jwt, time\nnow = int(time.time())\nclaims = {claims_py}\nprint(jwt.encode(claims, {secret:?}, algorithm={algorithm:?}))"
    );
    let out = Command::new(PYTHON).args(["-c", &script]).output().expect("python3 runs");
    assert!(
        out.status.success(),
        "PyJWT failed (is python3-jwt installed? .ci/run installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 token").trim().to_owned()
}

const JAVA_LIKE: &str = r#"{"sub": "+243 81 234 5678", "iss": "salesflow-app", "role": "ADMIN", "username": "py", "iat": now, "exp": now + 3600}"#;

#[tokio::test]
async fn a_token_minted_by_pyjwt_is_accepted() {
    let app = TestApp::builder().prod_auth().spawn().await;
    let token = pyjwt(JAVA_LIKE, JAVA_SECRET, "HS256");
    let res = app.get_with("/api/v1/admin/config", &token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let me: Value = app.get_with("/api/v1/me", &token).send().await.unwrap().json().await.unwrap();
    assert_eq!((me["username"].as_str(), me["roles"][0].as_str()), (Some("py"), Some("ADMIN")));
}

#[tokio::test]
async fn pyjwt_tokens_with_another_key_or_algorithm_are_refused() {
    let app = TestApp::builder().prod_auth().spawn().await;
    for (secret, alg, code) in [
        ("another-secret-of-at-least-32-bytes-long!!", "HS256", "auth_invalid_signature"),
        (JAVA_SECRET, "HS512", "auth_unsupported_algorithm"),
    ] {
        let token = pyjwt(JAVA_LIKE, secret, alg);
        let res = app.get_with("/api/v1/me", &token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], code);
    }
}
