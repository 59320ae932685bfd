//! `salesflow import` on real files: in-process on the DEV fake shop (settings and adapters from
//! `bootstrap`, as the binary builds them) and against a running gateway (`--server`).

use std::process::{Command, Output};

use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources};
use domain::Principal;
use testkit::{TestApp, tokens};

/// In-process runs keep their state in memory: no file appears next to the test.
const ENV: [(&str, &str); 2] = [("APP__STATE__BACKEND", "memory"), ("APP__CRM__STORE", "memory")];

fn salesflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesflow"))
        .args(args)
        .envs(ENV)
        .env_remove("APP_ENVIRONMENT")
        .output()
        .expect("salesflow runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Three products of the DEV fake shop with stock to sell, as the binary will see them.
async fn products_in_stock() -> Vec<u64> {
    let settings = load(&ConfigSources::from_env(ENV)).expect("DEV settings").settings;
    let adapters = Adapters::from_settings(&settings).await.expect("DEV adapters");
    let products = adapters.sales_source.products(&Principal::dev_admin()).await.expect("the fake catalogue");
    let ids: Vec<u64> = products.iter().filter(|p| p.stock().is_positive()).map(|p| p.id().get()).take(3).collect();
    assert_eq!(ids.len(), 3, "the fake shop has products in stock");
    ids
}

fn csv(contents: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".csv").tempfile().expect("temp file");
    std::fs::write(file.path(), contents).expect("write");
    file
}

#[tokio::test]
async fn in_process_lists_every_row_error_and_exits_1() {
    let ids = products_in_stock().await;
    let file = csv(&format!(
        "product_id,quantity,sale_date\n{},1,2025-01-02\n{},2,2025-01-03\n999999,1,2025-01-04\n{},0,2025-01-05\n",
        ids[0], ids[1], ids[2]
    ));
    let out = salesflow(&["import", file.path().to_str().expect("path"), "--commit"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "invalid rows: exit 1\n{stdout}\n{stderr}");
    assert!(stdout.contains("rows: 4, valid: 2, invalid: 2, errors: 2"), "{stdout}");
    let errors: Vec<(&str, &str, &str)> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("row\t"))
        .skip(1)
        .take_while(|l| l.contains('\t'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
        .collect();
    assert_eq!(errors, [("4", "product_id", "unknown_product"), ("5", "quantity", "not_positive")], "{stdout}");
    assert!(stdout.contains("committed: nothing"), "all-or-nothing records nothing: {stdout}");
}

#[tokio::test]
async fn in_process_commits_a_valid_file() {
    let ids = products_in_stock().await;
    let rows: String = ids.iter().enumerate().map(|(i, id)| format!("{id},1,2025-02-0{}\n", i + 1)).collect();
    let file = csv(&format!("product_id,quantity,sale_date\n{rows}"));
    let out = salesflow(&["import", file.path().to_str().expect("path"), "--commit"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("rows: 3, valid: 3, invalid: 0, errors: 0"), "{stdout}");
    assert!(stdout.contains("committed: 3 rows (all_or_nothing)"), "{stdout}");
}

#[tokio::test]
async fn a_file_that_cannot_be_imported_exits_2_with_its_code() {
    let file = csv("date,price\n2025-01-01,3\n");
    let out = salesflow(&["import", file.path().to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("(missing_columns)") && stderr.contains("quantity"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_a_server_uploads_commits_and_reports() {
    let app = TestApp::spawn().await;
    let ids = app.adapters.sales_source.products(&Principal::dev_admin()).await.expect("catalogue");
    let id = ids.iter().find(|p| p.stock().is_positive()).expect("a product in stock").id().get();
    let file =
        csv(&format!("product_id,quantity,sale_date\n{id},1,2025-01-02\n{id},1,2025-01-03\nnope,1,2025-01-04\n"));
    let (path, server, token) = (file.path().to_str().expect("path").to_owned(), app.address.clone(), tokens::admin());
    let run = move |extra: &'static [&'static str]| {
        let (path, server, token) = (path.clone(), server.clone(), token.clone());
        tokio::task::spawn_blocking(move || {
            let mut args = vec!["import", path.as_str(), "--server", server.as_str(), "--token", token.as_str()];
            args.extend_from_slice(extra);
            salesflow(&args)
        })
    };
    let out = run(&["--commit", "--mode", "valid-rows-only"]).await.expect("run");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("rows: 3, valid: 2, invalid: 1, errors: 1"), "{stdout}");
    assert!(stdout.contains("4\tproduct_id\tinvalid_product_id"), "{stdout}");
    assert!(stdout.contains("committed: 2 rows (valid_rows_only)"), "{stdout}");

    let out = run(&["--token-typo"]).await.expect("run");
    assert_eq!(out.status.code(), Some(2), "clap refuses unknown flags");
    drop(app);
}
