//! Shared helpers: a frozen clock, a client pointed at a wiremock "Java", callers.

// Every test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use adapter_java::{JavaClient, JavaConfig};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use domain::{AccessToken, Principal, Roles};
use ports::Clock;
use wiremock::MockServer;

pub(crate) const API: &str = "/api/v1";

/// The shop's "now": Friday 2026-11-20 15:00, shop-local (Europe/Paris, UTC+1 in November).
pub(crate) fn now_local() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(15, 0, 0)).expect("a valid date-time")
}

pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a yyyy-mm-dd date")
}

pub(crate) fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").expect("a yyyy-mm-dd hh:mm:ss date-time")
}

/// A [`Clock`] frozen at [`now_local`] in Europe/Paris.
#[derive(Debug)]
pub(crate) struct FixedClock(pub(crate) NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.and_utc() - chrono::TimeDelta::hours(1)
    }

    fn now_local(&self) -> NaiveDateTime {
        self.0
    }
}

/// Fast settings for tests: 2 retries 1 ms apart, short timeouts.
pub(crate) fn config(base_url: String) -> JavaConfig {
    JavaConfig {
        base_url,
        timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(1),
        retries: 2,
        retry_backoff: Duration::from_millis(1),
        pool_max_idle_per_host: 2,
        system_token: None,
        system_login: None,
        system_refresh_before: Duration::from_secs(300),
        zone: chrono_tz::Europe::Paris,
        health_url: None,
    }
}

pub(crate) fn client_with(config: JavaConfig) -> JavaClient {
    JavaClient::new(config, Arc::new(FixedClock(now_local()))).expect("a valid test configuration")
}

/// A client of `server`'s `/api/v1`, with a trailing slash to check it is tolerated.
pub(crate) fn client(server: &MockServer) -> JavaClient {
    client_with(config(format!("{}{API}/", server.uri())))
}

pub(crate) fn api(path: &str) -> String {
    format!("{API}{path}")
}

/// An admin carrying its own Java token.
pub(crate) fn admin() -> Principal {
    Principal {
        subject: "+243 81 234 5678".to_owned(),
        username: Some("jeanne_drc".to_owned()),
        roles: Roles::new([domain::Role::Admin]),
        token: Some(AccessToken::new("caller-token")),
    }
}

/// A system job: no token of its own.
pub(crate) fn system() -> Principal {
    Principal { token: None, ..admin() }
}

/// Asserts that an error message does not reveal where Java lives.
pub(crate) fn assert_hides_address(server: &MockServer, message: &str) {
    let address = server.address();
    assert!(!message.contains(&address.to_string()), "{message}");
    assert!(!message.contains(&address.ip().to_string()), "{message}");
    assert!(!message.contains(&address.port().to_string()), "{message}");
    assert!(!message.contains("http://"), "{message}");
}
