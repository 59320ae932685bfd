//! Real local object-storage servers for the object-store adapters' tests: moto's S3 server
//! mode ([`s3`]) and Azurite's Blob service ([`azure`]).
//!
//! Each starts once per test binary, on a free port, the first time a test asks for it, and
//! stops when the test binary exits (see [`supervised`]). Every test then takes a bucket or
//! container of its own ([`S3Server::bucket`], [`AzuriteServer::bucket`]), so tests never see
//! each other's objects.
//!
//! A missing tool fails the test with the command that installs it; nothing is skipped.

mod azurite;
mod moto;
mod supervised;

pub use azurite::{AzuriteServer, azure};
pub use moto::{S3Server, s3};

use std::sync::atomic::{AtomicU32, Ordering};

/// A bucket or container name no other test in this process uses (S3 and Azure both accept
/// lowercase letters, digits and dashes, 3–63 characters).
#[must_use]
pub fn unique_bucket(name: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name: String = name.chars().filter(char::is_ascii_alphanumeric).take(30).collect::<String>().to_lowercase();
    format!("sf-{name}-{}-{n}", std::process::id())
}
