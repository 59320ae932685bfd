//! The four CRM pages on the fake CRM (analysed at start-up, as DEV does): data and charts drawn
//! from the stored snapshot, drill-downs with each factor, and CRM text shown as text.

use std::sync::Arc;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig, generate};
use adapter_memory::FixedClock;
use testkit::TestApp;
use testkit::browser::Browser;

use super::{
    DESKTOP, LOCK, READY, assert_clean_console, browser, charts_drawn, first_load, main_text, open, screenshot,
};

async fn rows(b: &Browser, css: &str) -> u64 {
    let script = format!("return document.querySelectorAll('{css}').length;");
    b.execute(&script, vec![]).await.expect("row count").as_u64().unwrap_or_default()
}

/// Clicks the first record's name and waits for its explanation table.
async fn drill_down(b: &Browser, factors: u64) {
    b.click("main table tbody tr button.linklike").await.expect("record button");
    let condition = format!(
        "[...document.querySelectorAll('main table caption')].some((c) => c.textContent.includes('How the score was computed') \
         && c.closest('table').querySelectorAll('tbody tr').length === {factors})"
    );
    b.wait_for("explanation table", &condition, READY).await.expect("explanation shown");
}

#[tokio::test]
async fn crm_pages_show_the_stored_analysis_and_drill_down() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    // Each page's first load is measured cold and held to the budget (docs/PERFORMANCE.md).
    let b = first_load(&app, "/crm", "crm/dashboard").await;
    let text = main_text(&b).await;
    assert!(
        text.contains("Total leads") && text.contains("Pipeline health") && text.contains("Latest alerts"),
        "{text}"
    );
    assert!(!text.contains("No stored daily snapshot yet"), "{text}");
    // Score ranges, pipeline by stage, churn levels, health radar and the daily trend.
    assert_eq!(charts_drawn(&b).await, 5);
    screenshot(&b, "crm").await;

    let b = first_load(&app, "/crm/leads", "crm/leads").await;
    assert_eq!(rows(&b, "main table tbody tr").await, 100);
    assert_eq!(charts_drawn(&b).await, 2);
    drill_down(&b, 6).await;
    screenshot(&b, "crm-leads").await;

    open(&b, &app, "/crm/leads?priority=Critical", "crm/leads").await;
    let priorities = b
        .execute(
            "const r = [...document.querySelectorAll('main table tbody tr')]; \
             return r.length > 0 && r.every((row) => row.innerText.includes('CRITICAL'));",
            vec![],
        )
        .await
        .expect("rows");
    assert_eq!(priorities, true, "only Critical leads listed");

    let b = first_load(&app, "/crm/pipeline", "crm/pipeline").await;
    assert_eq!(charts_drawn(&b).await, 3);
    assert!(main_text(&b).await.contains("Recommendations"));

    let b = first_load(&app, "/crm/churn", "crm/churn").await;
    assert_eq!(charts_drawn(&b).await, 2);
    drill_down(&b, 4).await;
    screenshot(&b, "crm-churn").await;

    assert_clean_console(&b, &[]).await;
    b.quit().await;
}

const PROBE: &str = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

#[tokio::test]
async fn crm_text_is_shown_as_text_and_never_runs() {
    let _one = LOCK.lock().await;
    let clock = Arc::new(FixedClock::on(testkit::today()));
    let mut data = generate(FakeCrmConfig::default(), chrono::Utc::now());
    for l in &mut data.leads {
        l.first_name = Some(PROBE.to_owned());
    }
    for a in &mut data.accounts {
        a.name = Some(format!("{PROBE}{}", a.name.clone().unwrap_or_default()));
    }
    let crm = Arc::new(FakeCrm::with_data(data, clock));
    let app = TestApp::builder()
        .with_adapters(move |a, _| {
            a.crm_source = crm.clone();
            a.crm_writeback = crm;
        })
        .spawn()
        .await;
    let b = browser(DESKTOP).await;
    for (path, page) in [("/crm/leads", "crm/leads"), ("/crm/churn", "crm/churn")] {
        open(&b, &app, path, page).await;
        drill_down(&b, if page == "crm/leads" { 6 } else { 4 }).await;
        assert!(main_text(&b).await.contains("<script>window.__xss=2</script>"), "{path}: shown as text");
        let ran = b
            .execute("return window.__xss === undefined && !document.querySelector('main img, main script');", vec![])
            .await;
        assert_eq!(ran.expect("probe state"), true, "{path}: the markup ran or was parsed");
    }
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
