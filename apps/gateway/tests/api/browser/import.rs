//! Import (issue 8's "the import flow uploads a file and shows its row errors"): a CSV is chosen
//! in the page's file input, uploaded, its preview and every row error are shown, and the valid
//! rows are committed from the page.

use domain::Principal;
use serde_json::{Value, json};
use testkit::TestApp;

use super::{LOCK, assert_clean_console, first_load, main_text, screenshot};

#[tokio::test]
async fn the_import_flow_uploads_a_file_shows_its_row_errors_and_commits() {
    let _one = LOCK.lock().await;
    let app = TestApp::spawn().await;
    let products = app.adapters.sales_source.products(&Principal::dev_admin()).await.expect("catalogue");
    let ids: Vec<u64> = products.iter().filter(|p| p.stock().is_positive()).map(|p| p.id().get()).take(2).collect();
    let csv = format!(
        "product_id,quantity,sale_date\n{},1,2025-01-02\n999999,1,2025-01-03\n{},2,2025-01-04\n{},0,2025-01-05\n",
        ids[0], ids[1], ids[1]
    );
    let b = first_load(&app, "/import", "import").await;

    // What a user's file picker does, through the DOM: a File in the input, then the button.
    b.execute(
        "const input = document.querySelector('main input[type=file]'); \
         const data = new DataTransfer(); \
         data.items.add(new File([arguments[0]], 'till-export.csv', { type: 'text/csv' })); \
         input.files = data.files; \
         [...document.querySelectorAll('main button')].find((x) => x.innerText.includes('Upload and check')).click();",
        vec![json!(csv)],
    )
    .await
    .expect("upload");
    b.wait_for(
        "the row errors are shown",
        "document.querySelector('main').innerText.includes('Errors (2)')",
        super::READY,
    )
    .await
    .expect("errors shown");
    let text = main_text(&b).await;
    assert!(text.contains("unknown_product") && text.contains("not_positive"), "{text}");
    let rows: Value = b
        .execute(
            "const table = [...document.querySelectorAll('main table')].find((t) => t.innerText.includes('Rows that cannot be imported')); \
             return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].slice(0, 3).map((c) => c.innerText.trim()));",
            vec![],
        )
        .await
        .expect("errors table");
    assert_eq!(rows, json!([["3", "product_id", "unknown_product"], ["5", "quantity", "not_positive"]]));
    screenshot(&b, "import").await;

    b.execute(
        "[...document.querySelectorAll('main button')].find((x) => x.innerText.includes('valid rows')).click();",
        vec![],
    )
    .await
    .expect("commit");
    b.wait_for(
        "the commit is confirmed",
        "document.querySelector('main').innerText.includes('Committed: 2 rows')",
        super::READY,
    )
    .await
    .expect("committed");
    assert_clean_console(&b, &[]).await;
    b.quit().await;
}
