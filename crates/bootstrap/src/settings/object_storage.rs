//! The `object_storage` section: the S3-compatible bucket and the Azure Blob container that
//! `reports.store` and `crm.store` can point at (docs/REPORT_JOBS.md, docs/CRM.md).

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::load::SettingsError;
use super::sections::redacted;

/// Where a store keeps its objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectBackend {
    S3,
    Azure,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectStorageSettings {
    pub s3: S3Settings,
    pub azure: AzureSettings,
}

/// An S3-compatible bucket (AWS, MinIO, Ceph, moto…).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct S3Settings {
    pub bucket: String,
    /// Key prefix inside the bucket; reports go under `<prefix>/reports/…`, snapshots under
    /// `<prefix>/analytics/…`.
    pub prefix: String,
    pub region: String,
    /// Unset for AWS; the server's URL otherwise.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Unset (with the secret) = the instance's IAM role.
    #[serde(default)]
    pub access_key_id: Option<String>,
    #[serde(default, serialize_with = "redacted")]
    pub secret_access_key: Option<SecretString>,
    /// `endpoint/bucket/key` URLs (MinIO, moto) instead of `bucket.endpoint/key`.
    pub path_style: bool,
    /// Allows an `http://` endpoint (local servers).
    pub allow_http: bool,
}

/// An Azure Blob Storage container.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AzureSettings {
    pub account: String,
    pub container: String,
    pub prefix: String,
    /// The account's shared key.
    #[serde(default, serialize_with = "redacted")]
    pub access_key: Option<SecretString>,
    /// Unset = `https://<account>.blob.core.windows.net`; Azurite:
    /// `http://127.0.0.1:10000/devstoreaccount1`.
    #[serde(default)]
    pub endpoint: Option<String>,
    pub allow_http: bool,
}

fn bad(key: &str, message: impl Into<String>) -> SettingsError {
    SettingsError::invalid(key, message)
}

/// Lowercase letters, digits and `sep`, starting and ending alphanumeric, 3–63 long: the rules
/// S3 (with `.`) and Azure (without) share.
fn bucket_name_ok(name: &str, seps: &[u8]) -> bool {
    let b = name.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || seps.contains(c))
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

fn prefix_ok(prefix: &str) -> bool {
    let p = prefix.trim_matches('/');
    p.is_empty()
        || p.split('/').all(|s| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-=".contains(&b))
        })
}

fn endpoint_ok(key: &str, endpoint: Option<&str>, allow_http: bool) -> Result<(), SettingsError> {
    let Some(url) = endpoint else { return Ok(()) };
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(bad(key, format!("{url:?} is not an http(s) URL")));
    };
    if !matches!(scheme, "http" | "https") || rest.is_empty() || rest.starts_with('/') {
        return Err(bad(key, format!("{url:?} is not an http(s) URL")));
    }
    if scheme == "http" && !allow_http {
        let flag = key.replace("endpoint", "allow_http");
        return Err(bad(key, format!("{url:?} is plain HTTP: set {flag}: true (local servers only)")));
    }
    Ok(())
}

impl ObjectStorageSettings {
    /// Checks the backend a store uses; the other may stay unset.
    ///
    /// # Errors
    /// The first key that is missing or malformed.
    pub fn validate(&self, backend: ObjectBackend) -> Result<(), SettingsError> {
        match backend {
            ObjectBackend::S3 => {
                let s = &self.s3;
                if !bucket_name_ok(&s.bucket, b".-") {
                    return Err(bad("object_storage.s3.bucket", format!("{:?} is not an S3 bucket name", s.bucket)));
                }
                if s.region.trim().is_empty() {
                    return Err(bad("object_storage.s3.region", "must be set (e.g. eu-west-1)"));
                }
                if !prefix_ok(&s.prefix) {
                    return Err(bad("object_storage.s3.prefix", format!("{:?} is not a key prefix", s.prefix)));
                }
                endpoint_ok("object_storage.s3.endpoint", s.endpoint.as_deref(), s.allow_http)?;
                if s.access_key_id.is_some() != s.secret_access_key.is_some() {
                    return Err(bad(
                        "object_storage.s3.secret_access_key",
                        "access_key_id and secret_access_key go together (or neither: the IAM role)",
                    ));
                }
            }
            ObjectBackend::Azure => {
                let a = &self.azure;
                let account_ok = (3..=24).contains(&a.account.len())
                    && a.account.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
                if !account_ok {
                    return Err(bad(
                        "object_storage.azure.account",
                        format!("{:?} is not a storage account", a.account),
                    ));
                }
                if !bucket_name_ok(&a.container, b"-") || a.container.contains("--") {
                    return Err(bad(
                        "object_storage.azure.container",
                        format!("{:?} is not a container name", a.container),
                    ));
                }
                if !prefix_ok(&a.prefix) {
                    return Err(bad("object_storage.azure.prefix", format!("{:?} is not a key prefix", a.prefix)));
                }
                if a.access_key.is_none() {
                    return Err(bad("object_storage.azure.access_key", "must be set (the account's shared key)"));
                }
                endpoint_ok("object_storage.azure.endpoint", a.endpoint.as_deref(), a.allow_http)?;
            }
        }
        Ok(())
    }
}
