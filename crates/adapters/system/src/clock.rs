//! The real clock.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use ports::Clock;

/// Wall-clock time; local time and `today` are evaluated in the shop's time zone, because the Java service records
/// sales in shop-local time and "today's sales" must mean the shop's day, not the server's.
#[derive(Clone, Copy, Debug)]
pub struct SystemClock {
    zone: Tz,
}

impl SystemClock {
    #[must_use]
    pub const fn new(zone: Tz) -> Self {
        Self { zone }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn now_local(&self) -> NaiveDateTime {
        Utc::now().with_timezone(&self.zone).naive_local()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_follows_the_zone() {
        let tokyo = SystemClock::new(chrono_tz::Asia::Tokyo).today();
        let honolulu = SystemClock::new(chrono_tz::Pacific::Honolulu).today();
        // 19 hours apart: Tokyo's date is always Honolulu's or the next day.
        let diff = (tokyo - honolulu).num_days();
        assert!(diff == 0 || diff == 1, "{tokyo} vs {honolulu}");
    }
}
