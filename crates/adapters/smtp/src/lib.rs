//! The [`Notifier`](ports::Notifier) port over SMTP, with lettre.
//!
//! Each notification becomes one plain-text UTF-8 e-mail, `[<SEVERITY>] SalesFlow alert: <title>`,
//! sent to every configured recipient over STARTTLS, implicit TLS, or (local relays only) a
//! plain connection. Failures are translated at the edge: 5xx replies are `Rejected` (retrying
//! cannot help), everything else, timeouts included, is `Unavailable`.

mod config;
mod notifier;

pub use config::{SmtpConfig, SmtpConfigError, SmtpSecurity};
pub use notifier::SmtpNotifier;
