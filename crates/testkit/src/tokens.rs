//! Tokens minted the way the Java service mints them (reference §9.2): header `{"alg":"HS256"}`
//! without `typ`, the secret's raw UTF-8 bytes as key, claims `sub`, `iss`, `role`, `username`,
//! `iat`, `exp` (1 hour).

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The claims of a Java access token for `role` (`USER` or `ADMIN`), valid for an hour.
#[must_use]
pub fn java_claims(role: &str) -> Value {
    let iat = now();
    json!({
        "sub": "+243 81 234 5678",
        "iss": "salesflow-app",
        "role": role,
        "username": "jeanne_drc",
        "iat": iat,
        "exp": iat + 3600,
    })
}

/// Signs `claims` with `alg` and `secret`, with a JJWT-style header (no `typ`).
///
/// # Panics
/// When the algorithm needs a key that is not an HMAC secret.
#[must_use]
pub fn sign_with(claims: &Value, secret: &str, alg: Algorithm) -> String {
    let mut header = Header::new(alg);
    header.typ = None;
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(secret.as_bytes())).expect("HMAC signing")
}

/// Signs `claims` as the Java service configured with [`crate::JAVA_SECRET`] would.
#[must_use]
pub fn sign(claims: &Value) -> String {
    sign_with(claims, crate::JAVA_SECRET, Algorithm::HS256)
}

/// A valid USER access token.
#[must_use]
pub fn user() -> String {
    sign(&java_claims("USER"))
}

/// A valid ADMIN access token.
#[must_use]
pub fn admin() -> String {
    sign(&java_claims("ADMIN"))
}

/// `claims` with `key` set to `value`.
#[must_use]
pub fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

/// `claims` without `key`.
#[must_use]
pub fn without(mut claims: Value, key: &str) -> Value {
    if let Some(map) = claims.as_object_mut() {
        map.remove(key);
    }
    claims
}

/// A token whose header says `alg: none`, with an empty signature.
#[must_use]
pub fn unsigned(claims: &Value) -> String {
    use base64_url::encode;
    format!("{}.{}.", encode(br#"{"alg":"none"}"#), encode(claims.to_string().as_bytes()))
}

/// Seconds since the epoch, `offset` from now.
#[must_use]
pub fn epoch_in(offset_secs: i64) -> Value {
    json!(now() + offset_secs)
}

mod base64_url {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    pub(super) fn encode(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }
}
