//! CRM engines at scale, on one core: 1 000 000 leads scored (with their explanations), sorted
//! and summarised; 20 000 accounts against 200 000 cases and 50 000 opportunities.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use domain::crm::{
    Account, Case, CrmConfig, Lead, Opportunity, score_accounts, score_distribution, score_leads, score_leads_owned,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

// The allocator of the binaries that run the pipeline (gateway, worker, CLI): at 1M records,
// allocation and freeing are a large share of the time, and glibc's would be measured instead.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const INDUSTRIES: [&str; 6] = ["Technology", "Finance", "Retail", "Energy", "Media", "Consulting"];

fn leads(n: usize) -> Vec<Lead> {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    (0..n)
        .map(|i| Lead {
            id: format!("00Q{i:015}"),
            number_of_employees: Some(f64::from(rng.random_range(1..10_000u32))),
            annual_revenue: Some(f64::from(rng.random_range(10_000..50_000_000u32))),
            industry: Some(INDUSTRIES[i % INDUSTRIES.len()].to_owned()),
            website_visits: Some(f64::from(rng.random_range(0..50u32))),
            content_downloads: Some(f64::from(rng.random_range(0..10u32))),
            email_opens: Some(f64::from(rng.random_range(0..30u32))),
            days_since_last_activity: Some(f64::from(rng.random_range(0..60u32))),
            ..Lead::default()
        })
        .collect()
}

fn churn_inputs(accounts: usize, cases: usize, opps: usize) -> (Vec<Account>, Vec<Case>, Vec<Opportunity>) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let a: Vec<Account> = (0..accounts)
        .map(|i| Account {
            id: format!("001{i:015}"),
            last_activity_date: Some(format!(
                "2026-{:02}-{:02}",
                rng.random_range(1..13u32),
                rng.random_range(1..29u32)
            )),
            annual_revenue: Some(1e6),
            ..Account::default()
        })
        .collect();
    let c = (0..cases)
        .map(|i| Case {
            id: format!("500{i:015}"),
            account_id: Some(a[rng.random_range(0..accounts)].id.clone()),
            priority: Some(["Low", "Medium", "High", "Critical"][i % 4].to_owned()),
            customer_satisfaction: (i % 3 == 0).then(|| f64::from(rng.random_range(1..6u32))),
            ..Case::default()
        })
        .collect();
    let o = (0..opps)
        .map(|i| Opportunity {
            id: format!("006{i:015}"),
            account_id: Some(a[rng.random_range(0..accounts)].id.clone()),
            amount: Some(100_000.0),
            is_closed: i % 3 == 0,
            is_won: i % 6 == 0,
            ..Opportunity::default()
        })
        .collect();
    (a, c, o)
}

fn bench(c: &mut Criterion) {
    let cfg = CrmConfig::default();
    let leads = leads(1_000_000);
    let mut group = c.benchmark_group("crm");
    group.sample_size(10);
    group.bench_function("score 1M leads (explanations, sort, distribution)", |b| {
        // Freeing 1M scored leads is not scoring them: the result is dropped outside the timing.
        b.iter_with_large_drop(|| {
            let scored = score_leads(black_box(&leads), &cfg.leads);
            let distribution = score_distribution(&scored, &cfg.leads);
            (scored, distribution)
        });
    });
    // The pipeline's way: the extracted batch is moved in, no record is copied. The input copy
    // is made, and the result dropped, outside the timing.
    group.bench_function("score 1M leads, owned batch (explanations, sort, distribution)", |b| {
        b.iter_batched(
            || leads.clone(),
            |batch| {
                let scored = score_leads_owned(batch, &cfg.leads);
                let distribution = score_distribution(&scored, &cfg.leads);
                (scored, distribution)
            },
            BatchSize::PerIteration,
        );
    });
    let (accounts, cases, opps) = churn_inputs(20_000, 200_000, 50_000);
    let now = NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(6, 0, 0)).expect("instant");
    group.bench_function("churn: 20k accounts, 200k cases, 50k opportunities", |b| {
        b.iter(|| black_box(score_accounts(&accounts, &cases, &opps, now, &cfg.churn)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
