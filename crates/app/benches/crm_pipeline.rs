//! The whole CRM pipeline end to end at the scale: 100k leads, 50k opportunities, 20k
//! accounts and 200k cases extracted from the fake CRM → scored by the three engines → three
//! snapshots written to the filesystem store → dry-run writeback → alerts → run history.
//!
//! The fake CRM generates its records once (outside the timing, like a CRM that already holds
//! them); every timed run extracts them again (a copy, as a source hands over fresh records).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig};
use adapter_memory::{FixedClock, MemoryAlertStore, MemoryCrmRunStore, SequentialIds};
use adapter_system::FsResultStore;
use app::{AlertService, CrmPorts, CrmService, CrmServiceConfig, RetryPolicy, RunTrigger};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ports::Clock;

// The allocator of the binaries that run the pipeline (gateway, worker, CLI): at 1M records,
// allocation and freeing are a large share of the time, and glibc's would be measured instead.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn service(crm: &Arc<FakeCrm>, dir: &std::path::Path, clock: &Arc<FixedClock>) -> CrmService {
    let ids = Arc::new(SequentialIds::default());
    let policy = RetryPolicy { max_attempts: 3, backoff: Duration::from_secs(60), lease: Duration::from_secs(60) };
    let alerts =
        AlertService::new(Arc::new(MemoryAlertStore::default()), Vec::new(), clock.clone(), ids.clone(), policy);
    let ports = CrmPorts {
        source: crm.clone(),
        writeback: crm.clone(),
        store: Arc::new(FsResultStore::new(dir)),
        runs: Arc::new(MemoryCrmRunStore::default()),
        clock: clock.clone(),
        ids,
        alerts: Arc::new(alerts),
    };
    CrmService::new(ports, CrmServiceConfig { dry_run: true, ..CrmServiceConfig::default() })
}

fn bench(c: &mut Criterion) {
    let clock = Arc::new(FixedClock::on(NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")));
    let config = FakeCrmConfig { seed: 42, accounts: 20_000, leads: 100_000, opportunities: 50_000, cases: 200_000 };
    let crm = Arc::new(FakeCrm::new(config, clock.clone()));
    let mut group = c.benchmark_group("crm_pipeline");
    group.sample_size(10);
    group.bench_function("generate the fake CRM (100k leads, 50k opps, 20k accounts, 200k cases)", |b| {
        b.iter(|| black_box(adapter_fake::crm::generate(config, clock.now())));
    });
    let _ = crm.data();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let service = service(&crm, dir.path(), &clock);
    // One thread, as the pipeline runs on one task.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    group.bench_function("run: extract → score → 3 snapshots (files) → dry-run writeback → alerts", |b| {
        b.iter(|| {
            let record = runtime.block_on(service.run(RunTrigger::Api, Some(true))).expect("the run succeeds");
            black_box(record)
        });
    });
    // What a dashboard read costs after that run: the service's part of the handlers (the
    // latest analysis from memory, the answer's JSON); nothing is recomputed.
    runtime.block_on(service.run(RunTrigger::Api, Some(true))).expect("a run to read");
    group.bench_function("read: dashboard summary JSON from the latest analysis (100k leads)", |b| {
        b.iter(|| {
            let l = runtime.block_on(service.latest()).expect("latest");
            let body = (
                &l.leads.distribution,
                &l.pipeline.analysis.health_score,
                &l.pipeline.analysis.forecast,
                &l.churn.summary.risk_breakdown,
                &l.pipeline.kpis,
            );
            black_box(serde_json::to_vec(&body).expect("JSON"))
        });
    });
    group.bench_function("read: top 50 leads with explanations JSON (of 100k)", |b| {
        b.iter(|| {
            let l = runtime.block_on(service.latest()).expect("latest");
            black_box(serde_json::to_vec(&l.leads.leads[..50]).expect("JSON"))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
