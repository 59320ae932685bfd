//! Test support shared by every test binary: [`TestApp`] (the real gateway over the real
//! composition root, on a free port, with any port swapped for a fake or a mock), token minting
//! exactly as the Java service does it, a fixed "today", and a headless Chromium for the
//! dashboard's browser tests ([`browser::Browser`]).
//!
//! Tests are silent unless `TEST_LOG=1`.

pub mod browser;
pub mod contracts;
pub mod java_fake;
pub mod object_stores;
pub mod redis_server;
mod test_app;
pub mod tokens;

pub use test_app::{TestApp, TestAppBuilder};

/// The date every `TestApp` clock is frozen on unless told otherwise.
#[must_use]
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The HS256 secret `TestApp` configures, as a Java deployment would share it.
pub const JAVA_SECRET: &str = "test-java-secret-shared-with-salesflow-0123456789";
