//! The [`Notifier`](ports::Notifier) and [`ReportMailer`](ports::ReportMailer) ports over SMTP,
//! with lettre.
//!
//! Each notification becomes one plain-text UTF-8 e-mail, `[<SEVERITY>] SalesFlow alert: <title>`,
//! sent to every configured recipient over STARTTLS, implicit TLS, or (local relays only) a
//! plain connection. Failures are translated at the edge: 5xx replies are `Rejected` (retrying
//! cannot help), everything else, timeouts included, is `Unavailable`. Scheduled reports go out
//! as `multipart/mixed` mails with the file attached.

mod config;
mod notifier;
mod report_mailer;

pub use config::{SmtpConfig, SmtpConfigError, SmtpSecurity};
pub use notifier::SmtpNotifier;
pub use report_mailer::SmtpReportMailer;
