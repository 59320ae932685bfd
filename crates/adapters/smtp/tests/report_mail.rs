//! Scheduled reports e-mailed to a real SMTP server (aiosmtpd): one multipart message with the
//! text and the file attached under its name and content type, read back by Python's parser.

#[expect(dead_code, reason = "the notifier tests' helpers are not used here")]
mod support;

use adapter_smtp::SmtpReportMailer;
use ports::{Attachment, NotifyError, ReportMail, ReportMailer};
use serde_json::Value;
use support::{SmtpServer, config};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn mail(to: &[&str], file_name: &str, content_type: &str, bytes: &[u8]) -> ReportMail {
    ReportMail {
        to: to.iter().map(|&a| a.to_owned()).collect(),
        subject: "SalesFlow scheduled report: combined (xlsx)".to_owned(),
        body: "Your report is attached.".to_owned(),
        attachment: Attachment {
            file_name: file_name.to_owned(),
            content_type: content_type.to_owned(),
            bytes: bytes.to_vec(),
        },
    }
}

fn header(message: &Value, name: &str) -> String {
    message["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .map(|h| h[1].as_str().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .concat()
}

#[tokio::test]
async fn the_report_arrives_as_an_attachment_with_its_name_and_type() {
    let server = SmtpServer::start();
    // The configured alert recipients are not used: each report mail names its own.
    let mailer = SmtpReportMailer::new(config(server.port(), &[])).expect("a valid config");
    assert_eq!(mailer.channel(), "smtp");
    // Binary content with bytes that would break a text transfer (NUL, CR, LF, high bytes).
    let bytes: Vec<u8> = b"PK\x03\x04".iter().copied().chain((0..=255u8).cycle().take(5000)).collect();
    let file = "analytics_combined_daily_2026-11-24_06-30-00.xlsx";
    mailer.send(&mail(&["ops@example.com", "boss@example.com"], file, XLSX, &bytes)).await.expect("accepted");

    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let message = &messages[0];
    assert_eq!(message["rcpt_tos"], serde_json::json!(["ops@example.com", "boss@example.com"]));
    assert_eq!(header(message, "Subject"), "SalesFlow scheduled report: combined (xlsx)");
    assert!(header(message, "Content-Type").starts_with("multipart/mixed"), "{}", header(message, "Content-Type"));
    assert_eq!(message["body"].as_str().unwrap().trim_end(), "Your report is attached.");
    let attachments = message["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0]["filename"], file);
    assert_eq!(attachments[0]["content_type"], XLSX);
    assert_eq!(attachments[0]["size"], bytes.len());
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(attachments[0]["content_hex"].as_str(), Some(hex.as_str()), "the bytes arrive unchanged");
}

#[tokio::test]
async fn a_pdf_keeps_its_type_and_a_path_in_the_name_is_flattened() {
    let server = SmtpServer::start();
    let mailer = SmtpReportMailer::new(config(server.port(), &[])).expect("a valid config");
    mailer
        .send(&mail(&["ops@example.com"], "../etc/report.pdf", "application/pdf", b"%PDF-1.7\n"))
        .await
        .expect("sent");
    let attachment = &server.messages()[0]["attachments"][0];
    assert_eq!(
        (attachment["filename"].as_str(), attachment["content_type"].as_str()),
        (Some(".._etc_report.pdf"), Some("application/pdf"))
    );
}

#[tokio::test]
async fn a_refused_recipient_is_rejected_and_a_bad_address_never_dials() {
    let server = SmtpServer::start();
    let mailer = SmtpReportMailer::new(config(server.port(), &[])).expect("a valid config");
    let refused = mailer.send(&mail(&["nobody@example.com"], "r.pdf", "application/pdf", b"%PDF")).await;
    assert!(matches!(&refused, Err(NotifyError::Rejected(reason)) if reason.contains("550")), "{refused:?}");
    let invalid = mailer.send(&mail(&["not an address"], "r.pdf", "application/pdf", b"%PDF")).await;
    assert!(matches!(invalid, Err(NotifyError::Rejected(_))), "{invalid:?}");
    let none = mailer.send(&mail(&[], "r.pdf", "application/pdf", b"%PDF")).await;
    assert!(matches!(none, Err(NotifyError::Rejected(_))), "{none:?}");
    assert!(server.messages().is_empty());
}
