//! Token verification.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bootstrap::settings::{AuthSettings, DEV_JWT_SECRET};
use domain::{AccessToken, Principal, Role, Roles};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use secrecy::ExposeSecret;
use serde::Deserialize;

use crate::error::ErrorCode;

/// Why a request is not authenticated; each maps to one stable 401/403 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("missing Authorization header")]
    Missing,
    #[error("invalid Authorization header format (expected `Bearer <token>`)")]
    InvalidHeader,
    #[error("malformed JWT")]
    Malformed,
    #[error("unsupported token algorithm (only HS256 is accepted)")]
    UnsupportedAlgorithm,
    #[error("invalid token signature")]
    InvalidSignature,
    #[error("token expired")]
    Expired,
    #[error("token not valid yet")]
    NotYetValid,
    #[error("invalid token issuer")]
    InvalidIssuer,
    #[error("invalid token audience")]
    InvalidAudience,
    #[error("invalid token claims")]
    InvalidClaims,
}

impl AuthError {
    #[must_use]
    pub const fn code(self) -> ErrorCode {
        match self {
            Self::Missing => ErrorCode::AuthMissing,
            Self::InvalidHeader => ErrorCode::AuthInvalidHeader,
            Self::Malformed => ErrorCode::AuthMalformedToken,
            Self::UnsupportedAlgorithm => ErrorCode::AuthUnsupportedAlgorithm,
            Self::InvalidSignature => ErrorCode::AuthInvalidSignature,
            Self::Expired => ErrorCode::AuthTokenExpired,
            Self::NotYetValid => ErrorCode::AuthTokenNotYetValid,
            Self::InvalidIssuer => ErrorCode::AuthInvalidIssuer,
            Self::InvalidAudience => ErrorCode::AuthInvalidAudience,
            Self::InvalidClaims => ErrorCode::AuthInvalidClaims,
        }
    }
}

/// `role` as Java sends it; `roles` as a list or a single string, when a token carries it.
#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    roles: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Verifies bearer tokens; built once from the settings.
pub struct Authenticator {
    key: DecodingKey,
    validation: Validation,
    /// DEV: no header means the dev admin.
    allow_anonymous_dev: bool,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator").field("dev", &self.allow_anonymous_dev).finish_non_exhaustive()
    }
}

impl Authenticator {
    /// In DEV without a configured secret, the public [`DEV_JWT_SECRET`] verifies tokens so that
    /// they can be minted locally (PROD refuses to start without a real secret).
    #[must_use]
    pub fn new(settings: &AuthSettings, dev: bool) -> Self {
        let secret = settings.jwt_secret.as_ref().map_or(DEV_JWT_SECRET, |s| s.expose_secret());
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[settings.issuer.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = settings.leeway_secs;
        validation.validate_nbf = true;
        match &settings.audience {
            Some(audience) => validation.set_audience(&[audience.as_str()]),
            None => validation.validate_aud = false,
        }
        Self { key: DecodingKey::from_secret(secret.as_bytes()), validation, allow_anonymous_dev: dev }
    }

    /// The caller behind an `Authorization` header value (or its absence).
    ///
    /// # Errors
    /// See [`AuthError`].
    pub fn authenticate(&self, header: Option<&[u8]>) -> Result<Principal, AuthError> {
        let Some(raw) = header else {
            return if self.allow_anonymous_dev { Ok(Principal::dev_admin()) } else { Err(AuthError::Missing) };
        };
        let raw = std::str::from_utf8(raw).map_err(|_| AuthError::InvalidHeader)?.trim();
        let (scheme, token) = raw.split_once(' ').ok_or(AuthError::InvalidHeader)?;
        let token = token.trim();
        if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.contains(char::is_whitespace) {
            return Err(AuthError::InvalidHeader);
        }
        self.verify(token)
    }

    /// Verifies a bare token (from a header or a session cookie).
    ///
    /// # Errors
    /// See [`AuthError`].
    pub fn verify(&self, token: &str) -> Result<Principal, AuthError> {
        check_algorithm(token)?;
        let data =
            jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation).map_err(|e| classify(e.kind()))?;
        let claims = data.claims;
        let mut roles: Vec<Role> = claims.role.iter().map(|r| Role::parse(r)).collect();
        match claims.roles {
            Some(OneOrMany::One(r)) => roles.push(Role::parse(&r)),
            Some(OneOrMany::Many(list)) => roles.extend(list.iter().map(|r| Role::parse(r))),
            None => {}
        }
        Ok(Principal {
            subject: claims.sub,
            username: claims.username,
            roles: Roles::new(roles),
            token: Some(AccessToken::new(token)),
        })
    }
}

/// The `exp` claim of a token, read without verifying it: only for tokens already verified (or
/// about to be refused anyway), to tell a browser when its session needs a refresh.
#[must_use]
pub(crate) fn expiry(token: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    #[derive(Deserialize)]
    struct Exp {
        exp: i64,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let exp: Exp = serde_json::from_slice(&bytes).ok()?;
    chrono::DateTime::from_timestamp(exp.exp, 0)
}

/// Reads the header's `alg` before verification, so `none` (which the JWT library cannot even
/// parse) and other algorithms get their own code instead of "malformed".
fn check_algorithm(token: &str) -> Result<(), AuthError> {
    #[derive(Deserialize)]
    struct Header {
        alg: String,
    }
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(AuthError::Malformed);
    };
    let bytes = URL_SAFE_NO_PAD.decode(header.trim_end_matches('=')).map_err(|_| AuthError::Malformed)?;
    let header: Header = serde_json::from_slice(&bytes).map_err(|_| AuthError::Malformed)?;
    if header.alg != "HS256" {
        return Err(AuthError::UnsupportedAlgorithm);
    }
    Ok(())
}

fn classify(kind: &ErrorKind) -> AuthError {
    match kind {
        ErrorKind::InvalidSignature => AuthError::InvalidSignature,
        ErrorKind::ExpiredSignature => AuthError::Expired,
        ErrorKind::ImmatureSignature => AuthError::NotYetValid,
        ErrorKind::InvalidIssuer => AuthError::InvalidIssuer,
        ErrorKind::InvalidAudience => AuthError::InvalidAudience,
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName | ErrorKind::UnsupportedAlgorithm => {
            AuthError::UnsupportedAlgorithm
        }
        ErrorKind::MissingRequiredClaim(_) | ErrorKind::InvalidClaimFormat(_) | ErrorKind::InvalidSubject => {
            AuthError::InvalidClaims
        }
        // A payload that is JSON but not our claim shape (e.g. `sub` as a number).
        ErrorKind::Json(e) if e.is_data() => AuthError::InvalidClaims,
        _ => AuthError::Malformed,
    }
}
