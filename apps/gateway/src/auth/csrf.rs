//! CSRF protection for cookie-authenticated writes: a signed double-submit token bound to the
//! session's subject (OWASP's "signed double-submit cookie"), plus a same-origin check.
//!
//! The token is `<nonce>.<hex HMAC-SHA256(key, "csrf|" + subject + "|" + nonce)>`. It lives in
//! the readable `sf_csrf` cookie and must come back in the `X-CSRF-Token` header: another site
//! can make the browser send cookies, but can neither read the cookie nor add the header (that
//! needs a CORS preflight our origins list refuses). The signature stops a cookie planted by a
//! sibling subdomain from working for someone else's session. The key is derived from the JWT
//! secret, so every gateway instance of a deployment agrees without more configuration.

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderMap};
use sha2::{Digest, Sha256};

/// The header a cookie-authenticated write must carry.
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";

/// The key behind CSRF tokens.
#[derive(Clone)]
pub(crate) struct CsrfKey([u8; 32]);

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey([REDACTED])")
    }
}

/// HMAC-SHA256 (RFC 2104), over the `sha2` the workspace already builds.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0_u8; 64];
    if key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|k| k ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without an early exit, so timing tells nothing about where two tokens differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl CsrfKey {
    /// Derived from the JWT secret with a label, so the key is never the secret itself.
    pub(crate) fn derive(jwt_secret: &str) -> Self {
        Self(hmac_sha256(jwt_secret.as_bytes(), b"salesflow dashboard csrf key v1"))
    }

    fn signature(&self, subject: &str, nonce: &str) -> String {
        hex(&hmac_sha256(&self.0, format!("csrf|{subject}|{nonce}").as_bytes()))
    }

    /// A fresh token for `subject`.
    pub(crate) fn mint(&self, subject: &str) -> String {
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let signature = self.signature(subject, &nonce);
        format!("{nonce}.{signature}")
    }

    /// Whether `token` was minted for `subject` by this key.
    pub(crate) fn verify(&self, subject: &str, token: &str) -> bool {
        let Some((nonce, signature)) = token.split_once('.') else {
            return false;
        };
        !nonce.is_empty() && constant_time_eq(self.signature(subject, nonce).as_bytes(), signature.as_bytes())
    }
}

/// Whether the browser says the request comes from our own pages: `Sec-Fetch-Site` must be
/// `same-origin` (or `none`: typed or bookmarked) when sent, and `Origin`, when sent, must name
/// the host the request was addressed to.
pub(crate) fn same_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = text("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match text(header::ORIGIN.as_str()) {
        None => true,
        Some(origin) => origin_host(origin).is_some_and(|host| Some(host) == request_host(headers)),
    }
}

/// `host[:port]` of an `Origin` value (`null` and non-http origins match nothing).
fn origin_host(origin: &str) -> Option<&str> {
    origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).filter(|h| !h.is_empty())
}

fn request_host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::trim)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex(&mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn a_token_verifies_only_for_its_subject_and_key() {
        let key = CsrfKey::derive("a-secret-of-at-least-thirty-two-bytes!!");
        let token = key.mint("+33 6 12");
        assert!(key.verify("+33 6 12", &token));
        assert!(!key.verify("+33 6 13", &token));
        assert!(!CsrfKey::derive("another-secret-of-at-least-32-bytes!!").verify("+33 6 12", &token));
        let (nonce, _) = token.split_once('.').unwrap();
        assert!(!key.verify("+33 6 12", &format!("{nonce}.{}", "0".repeat(64))));
        assert!(!key.verify("+33 6 12", "no-dot"));
        assert_ne!(key.mint("+33 6 12"), token, "every token has its own nonce");
    }

    #[test]
    fn cross_site_requests_are_not_same_origin() {
        let ok = TestRequest::post().insert_header(("host", "127.0.0.1:8081"));
        assert!(same_origin(&ok.to_http_request()));
        let ok = TestRequest::post()
            .insert_header(("host", "127.0.0.1:8081"))
            .insert_header(("origin", "http://127.0.0.1:8081"))
            .insert_header(("sec-fetch-site", "same-origin"));
        assert!(same_origin(&ok.to_http_request()));
        let other = TestRequest::post()
            .insert_header(("host", "127.0.0.1:8081"))
            .insert_header(("origin", "http://evil.example"));
        assert!(!same_origin(&other.to_http_request()));
        let cross = TestRequest::post().insert_header(("host", "a")).insert_header(("sec-fetch-site", "cross-site"));
        assert!(!same_origin(&cross.to_http_request()));
        let null = TestRequest::post().insert_header(("host", "a")).insert_header(("origin", "null"));
        assert!(!same_origin(&null.to_http_request()));
    }
}
