//! The reference generator's profiles (crm-analytics.md §6) over a ChaCha8 stream: the same seed,
//! sizes and "now" give the same records and ids. CPython's random stream is not replayed.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use domain::crm::{Account, Case, CrmData, Lead, Opportunity};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::lists::*;

/// Sizes and seed of the fake CRM (the reference's defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FakeCrmConfig {
    pub seed: u64,
    pub accounts: usize,
    pub leads: usize,
    pub opportunities: usize,
    pub cases: usize,
}

impl Default for FakeCrmConfig {
    fn default() -> Self {
        Self { seed: 42, accounts: 25, leads: 100, opportunities: 60, cases: 40 }
    }
}

/// A Salesforce-shaped 18-character id: key prefix + 15 uppercase hex digits derived from the
/// seed, the object and the index only, so ids do not move when sizes change.
#[must_use]
pub fn record_id(prefix: &str, seed: u64, index: usize) -> String {
    let mut x = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from_le_bytes(*b"crm-id\0\0");
    for b in prefix.bytes() {
        x = x.rotate_left(8) ^ u64::from(b);
    }
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    format!("{prefix}{:015X}", x >> 4)
}

struct Gen {
    rng: ChaCha8Rng,
    now: DateTime<Utc>,
}

impl Gen {
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.rng.random_range(0..xs.len())]
    }

    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        self.rng.random_range(lo..=hi)
    }

    fn num(&mut self, lo: i64, hi: i64) -> f64 {
        self.int(lo, hi) as f64
    }

    /// A past instant within `days` days (the reference's `_random_date`, always in the past).
    fn past(&mut self, days: i64) -> String {
        let back = self.int(0, days.abs());
        (self.now - Duration::days(back)).to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    fn date(&mut self, days: i64) -> String {
        let back = self.int(0, days.abs());
        (self.now - Duration::days(back)).date_naive().to_string()
    }

    fn account(&mut self, i: usize, n: usize, seed: u64) -> Account {
        let name = if i < COMPANIES.len() {
            COMPANIES[i].to_owned()
        } else {
            format!("{} {}", COMPANIES[i % COMPANIES.len()], i / COMPANIES.len() + 1)
        };
        let (lo, hi, rating, kind) = if i * 4 < n {
            (60, 120, "Cold", "Customer")
        } else if i * 2 < n {
            (30, 70, self.pick(&["Cold", "Warm"]), "Customer")
        } else {
            (1, 20, self.pick(&["Hot", "Warm"]), self.pick(&["Customer", "Prospect", "Partner"]))
        };
        let last = self.int(lo, hi);
        Account {
            id: record_id("001", seed, i),
            name: Some(name),
            industry: Some(self.pick(&INDUSTRIES).to_owned()),
            annual_revenue: Some(self.pick(&[5e5, 1e6, 5e6, 1e7, 5e7, 1e8, 5e8])),
            number_of_employees: Some(self.pick(&[10.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 5000.0, 10_000.0])),
            kind: Some(kind.to_owned()),
            billing_country: Some(self.pick(&COUNTRIES).to_owned()),
            rating: Some(rating.to_owned()),
            created_date: Some(self.past(365)),
            last_activity_date: Some((self.now - Duration::days(last)).date_naive().to_string()),
        }
    }

    fn lead(&mut self, i: usize, n: usize, seed: u64) -> Lead {
        // 15 % hot, 25 % warm, 30 % cold, 30 % dead, by position.
        let share = i * 100 / n.max(1);
        let (emp, rev, industry, visits, opens, dl, days, rating) = if share < 15 {
            let ind = self.pick(&TARGET_INDUSTRIES);
            (
                self.pick(&[1000.0, 5000.0, 10_000.0]),
                self.pick(&[5e6, 1e7, 5e7]),
                ind,
                (25, 50),
                (15, 30),
                (5, 10),
                (0, 5),
                "Hot",
            )
        } else if share < 40 {
            let ind = self.pick(&INDUSTRIES);
            (
                self.pick(&[100.0, 250.0, 500.0, 1000.0]),
                self.pick(&[1e6, 5e6]),
                ind,
                (10, 30),
                (5, 15),
                (2, 6),
                (5, 25),
                "Warm",
            )
        } else if share < 70 {
            let ind = self.pick(&["Retail", "Energy", "Real Estate", "Manufacturing"]);
            (self.pick(&[10.0, 50.0, 100.0]), self.pick(&[1e5, 5e5]), ind, (1, 8), (0, 4), (0, 1), (20, 45), "Cold")
        } else {
            let ind = self.pick(&["Media", "Real Estate", "Energy"]);
            (self.pick(&[1.0, 5.0, 10.0]), self.pick(&[1e4, 5e4, 1e5]), ind, (0, 2), (0, 0), (0, 0), (40, 60), "Cold")
        };
        let first = self.pick(&FIRST_NAMES);
        let last = self.pick(&LAST_NAMES);
        let company = self.pick(&COMPANIES);
        let status = self.pick(&LEAD_STATUSES);
        let qualified = status == "Qualified";
        let converted = qualified && self.rng.random::<f64>() > 0.5;
        Lead {
            id: record_id("00Q", seed, i),
            first_name: Some(first.to_owned()),
            last_name: Some(last.to_owned()),
            company: Some(company.to_owned()),
            title: Some(self.pick(&TITLES).to_owned()),
            email: Some(format!("{}.{}@{}.com", first, last, company.replace(' ', "")).to_lowercase()),
            phone: Some(format!("+44 7{} {}", self.int(100, 999), self.int(100_000, 999_999))),
            status: Some(status.to_owned()),
            lead_source: Some(self.pick(&LEAD_SOURCES).to_owned()),
            industry: Some(industry.to_owned()),
            annual_revenue: Some(rev),
            number_of_employees: Some(emp),
            rating: Some(rating.to_owned()),
            created_date: Some(self.past(180)),
            last_activity_date: Some(self.date(14)),
            is_converted: Some(converted),
            converted_date: qualified.then(|| self.date(30)),
            website_visits: Some(self.num(visits.0, visits.1)),
            email_opens: Some(self.num(opens.0, opens.1)),
            content_downloads: Some(self.num(dl.0, dl.1)),
            days_since_last_activity: Some(self.num(days.0, days.1)),
        }
    }

    fn opportunity(&mut self, i: usize, accounts: &[Account], seed: u64) -> Opportunity {
        let (stage, probability, category) = self.pick(&STAGES);
        let account = accounts.get(self.rng.random_range(0..accounts.len().max(1)));
        let closed = stage.starts_with("Closed");
        Opportunity {
            id: record_id("006", seed, i),
            name: Some(format!("{} - New Deal", account.and_then(|a| a.name.as_deref()).unwrap_or("Unknown"))),
            account_id: account.map(|a| a.id.clone()),
            account_name: account.and_then(|a| a.name.clone()),
            stage_name: Some(stage.to_owned()),
            amount: Some(self.pick(&AMOUNTS)),
            probability: Some(probability),
            close_date: Some(self.date(90)),
            created_date: Some(self.past(180)),
            kind: Some(self.pick(&OPP_TYPES).to_owned()),
            lead_source: Some(self.pick(&LEAD_SOURCES).to_owned()),
            is_closed: closed,
            is_won: stage == "Closed Won",
            forecast_category: Some(category.to_owned()),
            next_step: (!closed).then(|| self.pick(&NEXT_STEPS).to_owned()),
            days_in_stage: Some(self.num(1, 45)),
        }
    }

    fn case(&mut self, i: usize, n: usize, accounts: &[Account], seed: u64) -> Case {
        // The first 60 % go to the at-risk pool (the first quarter of the accounts).
        let pool = (accounts.len() / 4).max(1).min(accounts.len());
        let at_risk = i * 10 < n * 6;
        let account = if accounts.is_empty() {
            None
        } else if at_risk {
            accounts.get(self.rng.random_range(0..pool))
        } else {
            accounts.get(self.rng.random_range(pool.min(accounts.len() - 1)..accounts.len()))
        };
        let (priority, status) = if at_risk {
            (self.pick(&["High", "Critical", "High", "Medium"]), self.pick(&["New", "Working", "Escalated", "Closed"]))
        } else {
            (self.pick(&["Low", "Medium", "Low"]), self.pick(&["Closed", "Closed", "Working", "New"]))
        };
        let closed = status == "Closed";
        let csat = closed.then(|| {
            if at_risk { self.pick(&[1.0, 1.0, 2.0, 2.0, 3.0]) } else { self.pick(&[3.0, 4.0, 4.0, 5.0, 5.0]) }
        });
        Case {
            id: record_id("500", seed, i),
            case_number: Some(format!("CS-{}", self.int(10_000, 99_999))),
            account_id: account.map(|a| a.id.clone()),
            account_name: account.and_then(|a| a.name.clone()),
            subject: Some(self.pick(&CASE_SUBJECTS).to_owned()),
            status: Some(status.to_owned()),
            priority: Some(priority.to_owned()),
            kind: Some(self.pick(&CASE_TYPES).to_owned()),
            origin: Some(self.pick(&CASE_ORIGINS).to_owned()),
            created_date: Some(self.past(90)),
            closed_date: closed.then(|| self.past(7)),
            is_closed: closed,
            resolution_time_hours: closed.then(|| self.num(1, 168)),
            customer_satisfaction: csat,
        }
    }
}

/// Generates the four collections for `config` as of `now`.
#[must_use]
pub fn generate(config: FakeCrmConfig, now: DateTime<Utc>) -> CrmData {
    let mut g = Gen { rng: ChaCha8Rng::seed_from_u64(config.seed), now };
    let seed = config.seed;
    let accounts: Vec<Account> = (0..config.accounts).map(|i| g.account(i, config.accounts, seed)).collect();
    let leads = (0..config.leads).map(|i| g.lead(i, config.leads, seed)).collect();
    let opportunities = (0..config.opportunities).map(|i| g.opportunity(i, &accounts, seed)).collect();
    let cases = (0..config.cases).map(|i| g.case(i, config.cases, &accounts, seed)).collect();
    CrmData { leads, opportunities, accounts, cases }
}
