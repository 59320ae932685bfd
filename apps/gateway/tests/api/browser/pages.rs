//! Each page on the fake data: loads without console errors, draws its charts, shows its data,
//! and stays within the first-load budget (under 300 KB transferred, interactive under 1 s).

use testkit::TestApp;
use testkit::browser::Browser;

use super::{LOCK, assert_clean_console, charts_drawn, first_load, main_text, ready, screenshot};

async fn count(b: &Browser) -> u64 {
    let rows = b.execute("return document.querySelectorAll('main table tbody tr').length;", vec![]).await;
    rows.expect("row count").as_u64().unwrap_or_default()
}

#[tokio::test]
async fn overview_shows_kpis_with_comparison_daily_revenue_top_products_and_stock_health() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/", "overview").await;
    assert_eq!(charts_drawn(&b).await, 4, "daily revenue, stock status, pipeline health radar, churn levels");
    let text = main_text(&b).await;
    assert!(text.contains("Revenue") && text.contains("€") && text.contains("vs previous period"), "{text}");
    assert!(text.contains("Top products") && text.contains("Stock health") && text.contains("Open alerts"), "{text}");
    assert!(text.contains("Pipeline health") && text.contains("Revenue at risk"), "{text}");
    let rows = b.execute("return document.querySelectorAll('main table tbody tr').length;", vec![]).await.unwrap();
    assert_eq!(rows, 5, "top 5 products");
    screenshot(&b, "overview").await;
    b.quit().await;
}

#[tokio::test]
async fn sales_switches_granularity_and_period_and_downloads_csv() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/sales", "sales").await;
    assert_eq!(charts_drawn(&b).await, 2, "buckets and categories");
    screenshot(&b, "sales").await;
    // Monthly buckets of the last 90 days: 4 calendar months touched, labelled YYYY-MM.
    b.execute("const s = [...document.querySelectorAll('main select')][1]; s.value = 'month'; s.dispatchEvent(new Event('change'));", vec![]).await.unwrap();
    b.wait_for(
        "monthly buckets",
        "location.search.includes('granularity=month') && document.documentElement.dataset.state === 'ready'",
        super::READY,
    )
    .await
    .unwrap();
    let labels =
        b.execute("return Chart.getChart(document.querySelector('main canvas')).data.labels;", vec![]).await.unwrap();
    assert!(
        labels
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l.as_str().unwrap().len() >= 7 && l.as_str().unwrap().as_bytes()[4] == b'-'),
        "{labels}"
    );
    // A custom date range.
    b.execute(
        "const s = document.querySelector('main select'); s.value = 'custom'; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .unwrap();
    b.wait_for(
        "date range",
        "location.search.includes('period=custom') && document.documentElement.dataset.state === 'ready'",
        super::READY,
    )
    .await
    .unwrap();
    let text = super::main_text(&b).await;
    assert!(text.contains("compared with"), "{text}");
    // The CSV link answers a CSV of the same window.
    let csv = b
        .execute_async(
            "const done = arguments[0]; const a = [...document.querySelectorAll('a')].find((x) => x.textContent === 'Daily CSV');
             fetch(a.href).then((r) => r.text()).then(done);",
            vec![],
        )
        .await
        .unwrap();
    let csv = csv.as_str().unwrap();
    assert!(csv.starts_with("date,revenue,quantity,transactions"), "{csv}");
    assert_eq!(csv.lines().count(), 31, "30 days and a header");
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}

#[tokio::test]
async fn stock_lists_every_product_with_status_coverage_and_reorders_and_filters_them() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/stock", "stock").await;
    assert_eq!(charts_drawn(&b).await, 1);
    assert_eq!(count(&b).await, 60, "every product of the fake shop");
    let text = main_text(&b).await;
    for needle in ["Coverage (days)", "Reorder", "Below minimum", "OK"] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    b.execute(
        "const s = document.querySelector('main select'); s.value = 'LOW_STOCK'; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .unwrap();
    b.wait_for(
        "LOW filter",
        "location.search.includes('status=LOW_STOCK') && document.documentElement.dataset.state === 'ready'",
        super::READY,
    )
    .await
    .unwrap();
    let low = count(&b).await;
    assert!((1..60).contains(&low), "{low}");
    let badges = b.execute("return [...document.querySelectorAll('main tbody .badge')].filter((x) => x.textContent !== 'URGENT').map((x) => x.textContent);", vec![]).await.unwrap();
    assert!(badges.as_array().unwrap().iter().all(|x| x == "LOW"), "{badges}");
    screenshot(&b, "stock").await;
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}

#[tokio::test]
async fn forecast_draws_history_forecast_and_bands_with_the_model_and_its_backtest() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let b = first_load(&app, "/forecast", "forecast").await;
    assert_eq!(charts_drawn(&b).await, 1);
    let datasets = b
        .execute("return Chart.getChart(document.querySelector('main canvas')).data.datasets.map((d) => [d.label, d.data.filter((v) => v !== null).length]);", vec![])
        .await
        .unwrap();
    let datasets = datasets.as_array().unwrap();
    let points = |label: &str| datasets.iter().find(|d| d[0] == label).map(|d| d[1].as_u64().unwrap()).unwrap();
    assert_eq!(points("History"), 91);
    assert_eq!(points("80 % interval"), 28);
    assert_eq!(points("95 % interval"), 28);
    assert_eq!(points("Forecast"), 29, "28 days joined to the last observed one");
    let model = b.execute("return document.querySelector('[data-testid=model]').innerText;", vec![]).await.unwrap();
    assert!(model.as_str().unwrap().contains("Backtest MASE"), "{model}");
    // One product, revenue.
    b.execute(
        "const [scope, target] = document.querySelectorAll('main select');
         scope.value = scope.options[3].value; scope.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .unwrap();
    b.wait_for(
        "product forecast",
        "location.search.includes('sku=') && document.documentElement.dataset.state === 'ready'",
        super::READY,
    )
    .await
    .unwrap();
    let heading = b.execute("return document.querySelectorAll('main h2')[0].textContent;", vec![]).await.unwrap();
    assert_ne!(heading, "Whole shop");
    ready(&b, "forecast").await;
    screenshot(&b, "forecast").await;
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
