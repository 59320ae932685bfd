//! How fast the fake shop is generated (DEV start-up and benchmark fixtures).

use std::hint::black_box;
use std::sync::Arc;

use adapter_fake::{Dataset, FakeShop, FakeShopConfig};
use adapter_memory::FixedClock;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut group = c.benchmark_group("fake_shop");
    group.sample_size(10);
    for (name, lines) in [("default (~68k lines)", None), ("1M lines", Some(1_000_000))] {
        let config = FakeShopConfig { sale_lines: lines, ..FakeShopConfig::default() };
        let produced =
            FakeShop::new(Dataset::Shop(config.clone()), Arc::new(FixedClock::on(today))).history().line_count();
        group.throughput(Throughput::Elements(produced as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let shop = FakeShop::new(Dataset::Shop(config.clone()), Arc::new(FixedClock::on(today)));
                black_box(shop.history().line_count())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
