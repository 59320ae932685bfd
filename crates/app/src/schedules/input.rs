//! What a client sends to create or change a schedule, checked field by field into the stored
//! form, so every refusal names the field it is about.

use domain::analytics::Period;
use domain::report::{ReportFormat, ReportKind};
use ports::ReportSchedule;

use super::ScheduleError;
use super::timing::{Timing, TimingError};

/// Most recipients one schedule may mail.
const MAX_RECIPIENTS: usize = 20;
/// Longest schedule name.
const MAX_NAME: usize = 120;

/// A create (every unset field takes its default) or a patch (unset fields keep their value).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleInput {
    pub name: Option<String>,
    /// Either a cron expression …
    pub cron: Option<String>,
    /// … or a daily `hour:minute` (minute defaults to 0).
    pub hour: Option<i64>,
    pub minute: Option<i64>,
    /// IANA zone; the shop's zone by default.
    pub timezone: Option<String>,
    /// `sales`, `stock` or `combined` (default).
    pub kind: Option<String>,
    /// `pdf` (default) or `xlsx` (`excel` accepted).
    pub format: Option<String>,
    /// `daily` (default), `weekly`, `monthly` or `quarterly`.
    pub period: Option<String>,
    pub include_forecast: Option<bool>,
    pub recipients: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ScheduleError {
    ScheduleError::InvalidRequest { field, message: message.into() }
}

impl From<TimingError> for ScheduleError {
    fn from(e: TimingError) -> Self {
        invalid(e.field, e.message)
    }
}

/// The period's stored name.
pub(crate) fn period(raw: &str) -> Option<Period> {
    [Period::Daily, Period::Weekly, Period::Monthly, Period::Quarterly]
        .into_iter()
        .find(|p| p.as_str() == raw.trim().to_ascii_lowercase())
}

/// A plain `local@domain.tld` address: no display name, spaces, commas or control characters
/// (addresses are stored comma-separated and end up in mail headers).
fn email(raw: &str) -> Result<String, ScheduleError> {
    let address = raw.trim();
    let bad = || invalid("recipients", format!("{raw:?} is not an e-mail address"));
    let (local, domain) = address.split_once('@').ok_or_else(bad)?;
    let plain = |s: &str| {
        !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || ",;<>\"@()[]\\".contains(c))
    };
    let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
    if address.len() > 254 || !plain(local) || !plain(domain) || !labels_ok {
        return Err(bad());
    }
    Ok(address.to_owned())
}

impl ScheduleInput {
    /// Applies the input over `base` (a new schedule's defaults, or the stored schedule), and
    /// says whether the timetable changed.
    ///
    /// # Errors
    /// `InvalidRequest` naming the first bad field.
    pub(crate) fn apply(self, base: &mut ReportSchedule) -> Result<bool, ScheduleError> {
        if let Some(name) = self.name {
            let name = name.trim().to_owned();
            if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
                return Err(invalid("name", format!("name must be 1 to {MAX_NAME} printable characters")));
            }
            base.name = name;
        }
        let timezone = self.timezone.clone().unwrap_or_else(|| base.timezone.clone());
        let timing = match (self.cron.as_deref(), self.hour, self.minute) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(invalid("cron", "give either cron or hour and minute, not both"));
            }
            (Some(cron), None, None) => Some(Timing::cron(cron, &timezone)?),
            (None, Some(hour), minute) => Some(Timing::daily(hour, minute.unwrap_or(0), &timezone)?),
            (None, None, Some(_)) => return Err(invalid("hour", "minute needs an hour")),
            (None, None, None) if self.timezone.is_some() => Some(Timing::cron(&base.cron, &timezone)?),
            (None, None, None) => None,
        };
        let mut timing_changed = false;
        if let Some(timing) = timing {
            timing_changed = timing.expression() != base.cron || timing.timezone() != base.timezone;
            base.cron = timing.expression().to_owned();
            base.timezone = timing.timezone().to_owned();
        }
        if let Some(kind) = self.kind {
            base.kind = ReportKind::parse(&kind)
                .ok_or_else(|| invalid("type", "type must be sales, stock or combined"))?
                .as_str()
                .to_owned();
        }
        if let Some(format) = self.format {
            base.format =
                ReportFormat::parse(&format).ok_or_else(|| invalid("format", "format must be pdf or xlsx"))?;
        }
        if let Some(raw) = self.period {
            base.period =
                period(&raw).ok_or_else(|| invalid("period", format!("unknown period {raw:?}")))?.as_str().to_owned();
        }
        if let Some(include) = self.include_forecast {
            base.include_forecast = include;
        }
        if let Some(recipients) = self.recipients {
            if recipients.len() > MAX_RECIPIENTS {
                return Err(invalid("recipients", format!("at most {MAX_RECIPIENTS} recipients")));
            }
            let mut checked = Vec::with_capacity(recipients.len());
            for raw in &recipients {
                let address = email(raw)?;
                if !checked.contains(&address) {
                    checked.push(address);
                }
            }
            base.recipients = checked;
        }
        let enabling = self.enabled == Some(true) && !base.enabled;
        if let Some(enabled) = self.enabled {
            base.enabled = enabled;
        }
        Ok(timing_changed || enabling)
    }
}

#[cfg(test)]
mod tests {
    use super::email;

    #[test]
    fn plain_addresses_pass_and_header_tricks_do_not() {
        for good in ["ops@example.com", " a.b+c@mail.example.co.uk "] {
            assert!(email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "ops",
            "ops@",
            "@example.com",
            "ops@localhost",
            "a b@example.com",
            "a,b@example.com",
            "Ops <ops@example.com>",
            "ops@example.com\r\nBcc: x@y.z",
            "a@b@example.com",
            "ops@example..com",
        ] {
            assert!(email(bad).is_err(), "{bad:?}");
        }
    }
}
