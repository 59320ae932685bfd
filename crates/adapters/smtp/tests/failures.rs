//! Unreachable, silent and unencrypted servers, and configurations `new` must refuse.

mod support;

use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use adapter_smtp::{SmtpConfigError, SmtpNotifier, SmtpSecurity};
use domain::Severity;
use ports::{Notifier, NotifyError};
use support::{SmtpServer, config, free_port, notification};

#[tokio::test]
async fn a_closed_port_is_unavailable_within_the_timeout() {
    let mut cfg = config(free_port(), &["ops@example.com"]);
    cfg.timeout = Duration::from_secs(2);
    let notifier = SmtpNotifier::new(cfg).expect("a valid config");

    let started = Instant::now();
    let error = notifier.send(&notification("t", "b", Severity::High)).await.expect_err("nothing listens");

    assert!(matches!(error, NotifyError::Unavailable(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_server_that_never_greets_is_unavailable_after_about_the_timeout() {
    // The kernel completes the TCP handshake from the backlog; nobody ever accepts or speaks.
    let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("an ephemeral port");
    let port = silent.local_addr().expect("the bound address").port();
    let mut cfg = config(port, &["ops@example.com"]);
    cfg.timeout = Duration::from_millis(500);
    let notifier = SmtpNotifier::new(cfg).expect("a valid config");

    let started = Instant::now();
    let error = notifier.send(&notification("t", "b", Severity::High)).await.expect_err("no greeting");
    let elapsed = started.elapsed();

    assert!(matches!(&error, NotifyError::Unavailable(reason) if reason.contains("500 ms")), "{error:?}");
    assert!(elapsed >= Duration::from_millis(450) && elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

#[tokio::test]
async fn starttls_required_but_not_offered_is_unavailable_and_sends_nothing() {
    let server = SmtpServer::start();
    let mut cfg = config(server.port(), &["ops@example.com"]);
    cfg.security = SmtpSecurity::StartTls;
    let notifier = SmtpNotifier::new(cfg).expect("a valid config");

    let error = notifier.send(&notification("t", "secret figures", Severity::High)).await.expect_err("no STARTTLS");

    assert!(matches!(&error, NotifyError::Unavailable(reason) if reason.contains("STARTTLS")), "{error:?}");
    assert!(server.messages().is_empty(), "a message went out in clear text");
}

#[tokio::test]
async fn implicit_tls_against_a_plain_server_is_unavailable_and_sends_nothing() {
    let server = SmtpServer::start();
    let mut cfg = config(server.port(), &["ops@example.com"]);
    cfg.security = SmtpSecurity::Tls;
    let notifier = SmtpNotifier::new(cfg).expect("a valid config");

    let error = notifier.send(&notification("t", "b", Severity::High)).await.expect_err("no TLS handshake");

    assert!(matches!(error, NotifyError::Unavailable(_)), "{error:?}");
    assert!(server.messages().is_empty());
}

#[test]
fn new_refuses_addresses_that_are_not_addresses() {
    let mut bad_from = config(25, &["ops@example.com"]);
    bad_from.from = "not an address".to_owned();
    let error = SmtpNotifier::new(bad_from).expect_err("a bad sender");
    assert!(matches!(error, SmtpConfigError::InvalidAddress { field: "from", .. }), "{error:?}");

    let bad_to = config(25, &["ops@example.com", "ops.example.com"]);
    let error = SmtpNotifier::new(bad_to).expect_err("a bad recipient");
    assert!(
        matches!(&error, SmtpConfigError::InvalidAddress { field: "to", value, .. } if value == "ops.example.com"),
        "{error:?}"
    );

    let error = SmtpNotifier::new(config(25, &[])).expect_err("no recipient");
    assert!(matches!(error, SmtpConfigError::NoRecipients), "{error:?}");
}

#[test]
fn new_refuses_unusable_settings() {
    let mut empty_host = config(25, &["ops@example.com"]);
    empty_host.host = "  ".to_owned();
    assert!(matches!(SmtpNotifier::new(empty_host), Err(SmtpConfigError::EmptyHost)));

    let mut zero = config(25, &["ops@example.com"]);
    zero.timeout = Duration::ZERO;
    assert!(matches!(SmtpNotifier::new(zero), Err(SmtpConfigError::ZeroTimeout)));

    let mut half = config(587, &["ops@example.com"]);
    half.security = SmtpSecurity::StartTls;
    half.username = Some("alerts".to_owned());
    assert!(matches!(SmtpNotifier::new(half), Err(SmtpConfigError::IncompleteCredentials)));

    let mut clear = config(25, &["ops@example.com"]);
    clear.username = Some("alerts".to_owned());
    clear.password = Some("hunter2".to_owned());
    let error = SmtpNotifier::new(clear).expect_err("a password over a plain connection");
    assert!(matches!(error, SmtpConfigError::PlaintextCredentials), "{error:?}");
    assert!(!error.to_string().contains("hunter2"));
}

#[test]
fn debug_never_shows_the_password() {
    let mut cfg = config(587, &["ops@example.com"]);
    cfg.host = "smtp.example.com".to_owned();
    cfg.security = SmtpSecurity::StartTls;
    cfg.username = Some("alerts".to_owned());
    cfg.password = Some("correct-horse-battery-staple".to_owned());

    let config_debug = format!("{cfg:?}");
    let notifier = SmtpNotifier::new(cfg).expect("a valid config");
    let notifier_debug = format!("{notifier:?}");

    for debug in [&config_debug, &notifier_debug] {
        assert!(!debug.contains("correct-horse-battery-staple"), "{debug}");
        assert!(debug.contains("<redacted>") && debug.contains("smtp.example.com"), "{debug}");
    }
}
