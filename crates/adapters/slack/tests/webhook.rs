//! The Slack notifier against a wiremock webhook: payloads, status mapping, timeouts, secrecy.

use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use adapter_slack::{SlackConfigError, SlackNotifier};
use domain::{Notification, Severity};
use ports::{Notifier, NotifyError};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Looks like a real webhook path, which is the secret part of the URL.
const HOOK: &str = "/services/T000/B000/XXXX";

fn notification(title: &str, body: &str, severity: Severity) -> Notification {
    Notification { title: title.to_owned(), body: body.to_owned(), severity }
}

fn notifier(server: &MockServer, timeout: Duration) -> SlackNotifier {
    SlackNotifier::new(&format!("{}{HOOK}", server.uri()), timeout).expect("a valid webhook URL")
}

/// A webhook answering every POST with `status` and `body`.
async fn webhook_answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(HOOK))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(&server)
        .await;
    server
}

/// The error must not reveal the webhook path, in either of its renderings.
fn assert_no_secret(error: &NotifyError) {
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains("T000") && !text.contains("XXXX"), "the webhook leaked: {text}");
    }
}

#[tokio::test]
async fn each_severity_posts_its_emoji_and_label() {
    let cases = [
        (Severity::Critical, "🔴 *[CRITICAL] Churn Risk*\n3 accounts at risk"),
        (Severity::High, "🟠 *[HIGH] Churn Risk*\n3 accounts at risk"),
        (Severity::Medium, "🟡 *[MEDIUM] Churn Risk*\n3 accounts at risk"),
        (Severity::Info, "🔵 *[INFO] Churn Risk*\n3 accounts at risk"),
        (Severity::Low, "⚪ *[LOW] Churn Risk*\n3 accounts at risk"),
    ];
    for (severity, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(HOOK))
            .and(header("content-type", "application/json"))
            .and(body_json(json!({ "text": expected })))
            .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
            .expect(1)
            .mount(&server)
            .await;
        let slack = notifier(&server, Duration::from_secs(5));
        assert_eq!(slack.channel(), "slack");

        slack.send(&notification("Churn Risk", "3 accounts at risk", severity)).await.expect("posted");

        server.verify().await;
    }
}

#[tokio::test]
async fn title_and_body_are_escaped_so_data_cannot_ping_or_forge_links() {
    let server = MockServer::start().await;
    let expected = "🟠 *[HIGH] R&amp;D &lt;!channel&gt;*\nSee &lt;https://evil.example|your invoice&gt; &amp;lt; 5";
    Mock::given(method("POST"))
        .and(path(HOOK))
        .and(body_json(json!({ "text": expected })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let alert = notification("R&D <!channel>", "See <https://evil.example|your invoice> &lt; 5", Severity::High);
    notifier(&server, Duration::from_secs(5)).send(&alert).await.expect("posted");

    server.verify().await;
}

#[tokio::test]
async fn server_errors_and_rate_limits_are_unavailable() {
    for status in [500, 503, 429] {
        let server = webhook_answering(status, "slack is having a moment").await;

        let error = notifier(&server, Duration::from_secs(5))
            .send(&notification("t", "b", Severity::High))
            .await
            .expect_err("a failure status");

        assert!(
            matches!(&error, NotifyError::Unavailable(reason) if reason.contains(&status.to_string())),
            "{status}: {error:?}"
        );
        assert_no_secret(&error);
    }
}

#[tokio::test]
async fn client_errors_are_rejected_with_slacks_reason() {
    for (status, reason) in [(404, "no_service"), (400, "invalid_payload"), (403, "action_prohibited")] {
        let server = webhook_answering(status, reason).await;

        let error = notifier(&server, Duration::from_secs(5))
            .send(&notification("t", "b", Severity::High))
            .await
            .expect_err("a refusal");

        assert!(matches!(&error, NotifyError::Rejected(text) if text.contains(reason)), "{status}: {error:?}");
        assert_no_secret(&error);
    }
}

#[tokio::test]
async fn a_slow_webhook_is_unavailable_soon_after_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;

    let started = Instant::now();
    let error = notifier(&server, Duration::from_millis(300))
        .send(&notification("t", "b", Severity::High))
        .await
        .expect_err("too slow");

    assert!(matches!(&error, NotifyError::Unavailable(reason) if reason.contains("300 ms")), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert_no_secret(&error);
}

#[tokio::test]
async fn an_unreachable_webhook_is_unavailable_without_revealing_it() {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a port").local_addr().expect("its address").port();
    let slack = SlackNotifier::new(&format!("http://127.0.0.1:{port}{HOOK}"), Duration::from_secs(2))
        .expect("a valid webhook URL");

    let error = slack.send(&notification("t", "b", Severity::High)).await.expect_err("nothing listens");

    assert!(matches!(error, NotifyError::Unavailable(_)), "{error:?}");
    assert_no_secret(&error);
}

#[test]
fn new_accepts_only_http_urls_and_never_echoes_them() {
    let secret_bad = "hooks.slack.com/services/T000/B000/XXXX";
    let error = SlackNotifier::new(secret_bad, Duration::from_secs(10)).expect_err("no scheme");
    assert!(matches!(error, SlackConfigError::InvalidUrl), "{error:?}");
    assert!(!format!("{error} {error:?}").contains("XXXX"));

    let error = SlackNotifier::new("ftp://hooks.slack.com/services/T000/B000/XXXX", Duration::from_secs(10))
        .expect_err("not http");
    assert!(matches!(&error, SlackConfigError::UnsupportedScheme(scheme) if scheme == "ftp"), "{error:?}");
    assert!(!format!("{error} {error:?}").contains("XXXX"));

    let error = SlackNotifier::new("https://hooks.slack.com/services/T000/B000/XXXX", Duration::ZERO)
        .expect_err("zero timeout");
    assert!(matches!(error, SlackConfigError::ZeroTimeout), "{error:?}");

    assert!(SlackNotifier::new("https://hooks.slack.com/services/T000/B000/XXXX", Duration::from_secs(10)).is_ok());
}

#[test]
fn debug_hides_the_webhook() {
    let slack = SlackNotifier::new("https://hooks.slack.com/services/T000/B000/XXXX", Duration::from_secs(10))
        .expect("a valid webhook URL");

    let debug = format!("{slack:?}");

    assert!(!debug.contains("T000") && !debug.contains("XXXX"), "{debug}");
    assert!(debug.contains("hooks.slack.com") && debug.contains("<redacted>"), "{debug}");
}
