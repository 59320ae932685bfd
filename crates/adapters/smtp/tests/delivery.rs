//! Deliveries to a real SMTP server (aiosmtpd), read back from its inbox on disk.

mod support;

use adapter_smtp::SmtpNotifier;
use domain::Severity;
use ports::{Notifier, NotifyError};
use serde_json::Value;
use support::{SmtpServer, config, notification};

#[tokio::test]
async fn delivers_subject_from_recipients_and_utf8_body() {
    let server = SmtpServer::start();
    let notifier =
        SmtpNotifier::new(config(server.port(), &["ops@example.com", "sales@example.com"])).expect("a valid config");
    assert_eq!(notifier.channel(), "smtp");

    let alert = notification("Revenue drop", "Revenue fell by 40 %: 1 200 € and ü in the name.", Severity::High);
    notifier.send(&alert).await.expect("the server accepts the message");

    let messages = server.messages();
    assert_eq!(messages.len(), 1, "exactly one message: {messages:?}");
    let message = &messages[0];
    assert_eq!(headers(message, "Subject"), ["[HIGH] SalesFlow alert: Revenue drop"]);
    assert_eq!(headers(message, "From"), ["SalesFlow <alerts@salesflow.test>"]);
    assert_eq!(headers(message, "To"), ["ops@example.com, sales@example.com"]);
    assert_eq!(message["mail_from"], "alerts@salesflow.test");
    assert_eq!(message["rcpt_tos"], serde_json::json!(["ops@example.com", "sales@example.com"]));
    let content_type = headers(message, "Content-Type").concat().to_ascii_lowercase().replace('"', "");
    assert!(content_type.starts_with("text/plain") && content_type.contains("charset=utf-8"), "{content_type}");
    // CRLF on the wire; compare with plain line ends.
    let body = message["body"].as_str().expect("a text body").replace("\r\n", "\n");
    assert_eq!(
        body.trim_end(),
        "Revenue fell by 40 %: 1 200 € and ü in the name.\n\n-- \nSent automatically by SalesFlow alerting (severity HIGH)."
    );
}

#[tokio::test]
async fn a_line_break_in_the_title_cannot_inject_a_header() {
    let server = SmtpServer::start();
    let notifier = SmtpNotifier::new(config(server.port(), &["ops@example.com"])).expect("a valid config");

    let alert = notification("Stock low\r\nBcc: evil@example.com", "SKU-1 is nearly out of stock.", Severity::Medium);
    notifier.send(&alert).await.expect("the server accepts the message");

    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(headers(message, "Bcc").is_empty(), "a Bcc header was injected: {message}");
    assert_eq!(message["rcpt_tos"], serde_json::json!(["ops@example.com"]));
    assert_eq!(headers(message, "Subject"), ["[MEDIUM] SalesFlow alert: Stock low  Bcc: evil@example.com"]);
}

#[tokio::test]
async fn each_notification_is_a_separate_message() {
    let server = SmtpServer::start();
    let notifier = SmtpNotifier::new(config(server.port(), &["ops@example.com"])).expect("a valid config");

    notifier.send(&notification("First", "one", Severity::Info)).await.expect("first delivery");
    notifier.send(&notification("Second", "two", Severity::Critical)).await.expect("second delivery");

    let subjects: Vec<String> = server.messages().iter().map(|m| headers(m, "Subject").concat()).collect();
    assert_eq!(subjects, ["[INFO] SalesFlow alert: First", "[CRITICAL] SalesFlow alert: Second"]);
}

#[tokio::test]
async fn an_unknown_mailbox_550_is_rejected() {
    let server = SmtpServer::start();
    let notifier = SmtpNotifier::new(config(server.port(), &["nobody@example.com"])).expect("a valid config");

    let error = notifier.send(&notification("t", "b", Severity::High)).await.expect_err("550 must fail");

    assert!(matches!(&error, NotifyError::Rejected(reason) if reason.contains("550")), "{error:?}");
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn a_deferred_recipient_451_is_unavailable() {
    let server = SmtpServer::start();
    let notifier = SmtpNotifier::new(config(server.port(), &["busy@example.com"])).expect("a valid config");

    let error = notifier.send(&notification("t", "b", Severity::High)).await.expect_err("451 must fail");

    assert!(matches!(&error, NotifyError::Unavailable(reason) if reason.contains("451")), "{error:?}");
    assert!(server.messages().is_empty());
}

#[test]
fn dropping_the_notifier_after_its_runtime_is_gone_does_not_panic() {
    let server = SmtpServer::start();
    let notifier = SmtpNotifier::new(config(server.port(), &["ops@example.com"])).expect("a valid config");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(notifier.send(&notification("t", "b", Severity::Low))).expect("delivered");
    drop(runtime);

    drop(notifier);

    assert_eq!(server.messages().len(), 1);
}

/// The values of every header called `name` (case-insensitive) in a stored message.
fn headers<'a>(message: &'a Value, name: &str) -> Vec<&'a str> {
    message["headers"]
        .as_array()
        .expect("a header list")
        .iter()
        .filter(|pair| pair[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .map(|pair| pair[1].as_str().expect("a header value"))
        .collect()
}
