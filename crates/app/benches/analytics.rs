//! Sales and stock analytics over generated histories of 10 k to 10 M sale lines, on one core
//! (criterion runs single-threaded; the computation is single-threaded).

use std::hint::black_box;
use std::sync::Arc;

use adapter_fake::{Dataset, FakeShop, FakeShopConfig};
use adapter_memory::FixedClock;
use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use domain::DateRange;
use domain::analytics::{Granularity, SalesQuery, StockPolicy, StockQuery, sales_analytics, stock_analytics};

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut one_million = None;
    let mut sales = c.benchmark_group("sales_analytics");
    sales.sample_size(10);
    for lines in [10_000_u64, 100_000, 1_000_000, 10_000_000] {
        let config = FakeShopConfig { products: 200, sale_lines: Some(lines), ..FakeShopConfig::default() };
        let shop = FakeShop::new(Dataset::Shop(config), Arc::new(FixedClock::on(today)));
        let (ledger, catalogue) = (shop.history(), shop.catalogue());
        // The whole history is the window, so every line is aggregated; the previous window
        // (equally long) is scanned too.
        let window = DateRange::ending(today, 420);
        sales.throughput(Throughput::Elements(ledger.line_count() as u64));
        sales.bench_with_input(BenchmarkId::from_parameter(lines), &ledger, |b, ledger| {
            b.iter(|| {
                black_box(sales_analytics(ledger, &catalogue, &SalesQuery { window, granularity: Granularity::Week }))
            });
        });
        if lines == 1_000_000 {
            one_million = Some((ledger, catalogue));
        }
    }
    sales.finish();
    if let Some((ledger, catalogue)) = one_million {
        let query = StockQuery {
            today,
            observed_since: DateRange::ending(today, 420).start(),
            demand_window: DateRange::ending(today, 90),
            period_window: DateRange::ending(today, 7),
            policy: StockPolicy { dead_after_days: 90, urgent_coverage_days: 7, lead_time_days: 7, safety_days: 7 },
        };
        c.bench_function("stock_analytics/1000000", |b| {
            b.iter(|| black_box(stock_analytics(&ledger, &catalogue, &query)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
