//! The import API over a wiremock Java (reference §9): upload → preview → commit in chunks with
//! the exact JSON Java receives, idempotency, resume after `INSUFFICIENT_STOCK`, every bad input
//! as a 4xx with a code, the upstream one-step route and the template. Fixtures come from
//! tests/fixtures/import/make_fixtures.py (openpyxl, LibreOffice, msoffcrypto-tool).

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use testkit::{TestApp, tokens};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One admin token per test binary: tokens carry `iat`, so two minted a second apart differ and
/// the exact-header matcher below would miss.
pub(crate) fn admin() -> String {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(tokens::admin).clone()
}

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn products() -> Value {
    let skus = [
        ("MILK-001", "Milk"),
        ("BREAD-002", "Bread"),
        ("EGGS-003", "Eggs"),
        ("BUTTER-004", "Butter"),
        ("CHEESE-005", "Cheese"),
    ];
    Value::Array(
        skus.iter()
            .enumerate()
            .map(|(i, (sku, name))| {
                json!({"id": i + 1, "name": name, "sku": sku, "price": 2.5, "stockQuantity": 1000,
                       "description": null, "imageUrl": null, "lowStockThreshold": 10})
            })
            .collect(),
    )
}

pub(crate) async fn java() -> MockServer {
    let java = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/products"))
        .respond_with(ResponseTemplate::new(200).set_body_json(products()))
        .mount(&java)
        .await;
    java
}

pub(crate) async fn gateway(java: &MockServer, env: &[(&str, &str)]) -> TestApp {
    let mut builder = TestApp::builder()
        .prod_auth()
        .with_env("APP__DATA__SOURCE", "java")
        .with_env("JAVA_API_URL", &format!("{}/api/v1", java.uri()))
        .with_env("APP__JAVA__TIMEOUT_MS", "5000");
    for (k, v) in env {
        builder = builder.with_env(k, v);
    }
    builder.spawn().await
}

pub(crate) fn bulk_ok() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/plain")
        .set_body_string("Bulk sales imported successfully")
}

pub(crate) async fn upload(app: &TestApp, name: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = Form::new().part("file", Part::bytes(fixture(name)).file_name(name.to_owned()));
    for (k, v) in extra {
        form = form.text((*k).to_owned(), (*v).to_owned());
    }
    app.client.post(app.url("/api/v1/excel/uploads")).bearer_auth(admin()).multipart(form).send().await.expect("upload")
}

pub(crate) async fn commit(app: &TestApp, id: &str, mode: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/excel/uploads/{id}/commit")))
        .bearer_auth(admin())
        .json(&json!({ "mode": mode }))
        .send()
        .await
        .expect("commit")
}

#[tokio::test]
async fn ten_thousand_rows_with_three_bad_list_exactly_those_three() {
    let java = java().await;
    let app = gateway(&java, &[("APP__IMPORTS__COMMIT_CHUNK_SIZE", "5000")]).await;
    for name in ["big_3_bad.xlsx", "big_3_bad.csv"] {
        let res = upload(&app, name, &[]).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{name}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["counts"], json!({"rows": 10000, "valid": 9997, "invalid": 3, "errors": 3}), "{name}");
        let rows: Vec<_> =
            body["errors"].as_array().unwrap().iter().map(|e| (e["row"].clone(), e["code"].clone())).collect();
        assert_eq!(
            rows,
            [
                (json!(1235), json!("unknown_product")),
                (json!(5000), json!("invalid_number")),
                (json!(9999), json!("not_positive"))
            ],
            "{name}"
        );
        assert_eq!(body["preview"].as_array().unwrap().len(), 20);
        assert_eq!(
            body["preview"][0],
            json!({"row": 2, "product_id": 1, "sku": "MILK-001", "name": "Milk", "quantity": 1.0, "sale_date": "2025-01-01", "unit_price": 2.5})
        );
        assert_eq!(body["format"], name.rsplit('.').next().unwrap());
    }
    // Page 2 of 500-row pages starts at row 502.
    let res = upload(&app, "big_3_bad.csv", &[]).await;
    let id = res.json::<Value>().await.unwrap()["batch_id"].as_str().unwrap().to_owned();
    let page: Value = app
        .get_with(&format!("/api/v1/excel/uploads/{id}?page=2"), &admin())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (page["page"].clone(), page["per_page"].clone(), page["preview"][0]["row"].clone()),
        (json!(2), json!(500), json!(502))
    );
    assert_eq!(page["errors"], json!([]), "the 3 errors are on page 1");

    Mock::given(method("POST")).and(path("/api/v1/sales/bulk")).respond_with(bulk_ok()).expect(2).mount(&java).await;
    let res = commit(&app, &id, "valid_rows_only").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["committed"].clone(), body["commit"]["chunks_total"].clone()), (json!(9997), json!(2)));
    let sent: usize = java
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/api/v1/sales/bulk")
        .map(|r| serde_json::from_slice::<Vec<Value>>(&r.body).unwrap().len())
        .sum();
    assert_eq!(sent, 9997, "every valid row once, none of the 3 bad ones");
}

#[tokio::test]
async fn commit_sends_the_exact_json_in_chunks_once() {
    let java = java().await;
    let token = admin();
    let app = gateway(&java, &[("APP__IMPORTS__COMMIT_CHUNK_SIZE", "3")]).await;
    let first = json!([
        {"items": [{"productId": 1, "sku": "MILK-001", "quantity": 3, "unitPrice": 1.2}], "saleDate": "2025-03-01T00:00:00"},
        {"items": [{"productId": 2, "sku": "BREAD-002", "quantity": 2}], "saleDate": "2025-03-02T00:00:00"},
        {"items": [{"productId": 3, "sku": "EGGS-003", "quantity": 12, "unitPrice": 0.25}], "saleDate": "2025-03-03T00:00:00"}
    ]);
    let second = json!([{"items": [{"productId": 5, "sku": "CHEESE-005", "quantity": 1, "unitPrice": 7.9}], "saleDate": "2025-03-04T14:30:00"}]);
    for body in [first, second] {
        Mock::given(method("POST"))
            .and(path("/api/v1/sales/bulk"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .and(body_json(body))
            .respond_with(bulk_ok())
            .expect(1)
            .mount(&java)
            .await;
    }
    let res = upload(&app, "good.xlsx", &[]).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["batch_id"].as_str().unwrap().to_owned();
    let res = commit(&app, &id, "all_or_nothing").await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["status"].clone(), body["committed"].clone(), body["already_committed"].clone()),
        (json!("committed"), json!(4), json!(false))
    );
    // The second commit records nothing (wiremock's expect(1) fails on drop otherwise).
    let again: Value = commit(&app, &id, "all_or_nothing").await.json().await.unwrap();
    assert_eq!(
        (again["committed"].clone(), again["already_committed"].clone(), again["total_committed"].clone()),
        (json!(0), json!(true), json!(4))
    );
    let batch: Value =
        app.get_with(&format!("/api/v1/excel/uploads/{id}"), &token).send().await.unwrap().json().await.unwrap();
    assert_eq!(batch["status"], "committed");
    let deleted =
        app.client.delete(app.url(&format!("/api/v1/excel/uploads/{id}"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = app.get_with(&format!("/api/v1/excel/uploads/{id}"), &token).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn insufficient_stock_stops_the_commit_and_it_resumes_without_duplicates() {
    let java = java().await;
    let app = gateway(&java, &[("APP__IMPORTS__COMMIT_CHUNK_SIZE", "2")]).await;
    let id =
        upload(&app, "good.csv", &[]).await.json::<Value>().await.unwrap()["batch_id"].as_str().unwrap().to_owned();
    Mock::given(method("POST"))
        .and(path("/api/v1/sales/bulk"))
        .respond_with(bulk_ok())
        .up_to_n_times(1)
        .mount(&java)
        .await;
    let refusal = json!({"status": 400, "code": "INSUFFICIENT_STOCK", "message": "Not enough stock for product EGGS-003", "timestamp": "2025-03-05 10:00:00", "details": null});
    Mock::given(method("POST"))
        .and(path("/api/v1/sales/bulk"))
        .respond_with(ResponseTemplate::new(400).set_body_json(refusal))
        .up_to_n_times(1)
        .mount(&java)
        .await;
    let res = commit(&app, &id, "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "import_rejected");
    assert_eq!(body["details"]["failure"]["code"], "INSUFFICIENT_STOCK");
    assert_eq!(
        (body["details"]["failure"]["first_row"].clone(), body["details"]["failure"]["last_row"].clone()),
        (json!(4), json!(5))
    );
    // Stock replenished: the resume sends only the refused chunk.
    Mock::given(method("POST")).and(path("/api/v1/sales/bulk")).respond_with(bulk_ok()).expect(1).mount(&java).await;
    let resumed: Value = commit(&app, &id, "all_or_nothing").await.json().await.unwrap();
    assert_eq!((resumed["committed"].clone(), resumed["total_committed"].clone()), (json!(2), json!(4)));
    let bulk_calls =
        java.received_requests().await.unwrap().iter().filter(|r| r.url.path() == "/api/v1/sales/bulk").count();
    assert_eq!(bulk_calls, 3, "chunk 1 once, chunk 2 refused then sent once");
}

#[tokio::test]
async fn every_bad_input_is_a_4xx_with_a_code() {
    let java = java().await;
    let app = gateway(&java, &[("APP__IMPORTS__MAX_ROWS", "5000")]).await;
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], u16, &'a str);
    let cases: &[Case<'_>] = &[
        ("empty.csv", &[], 400, "empty_file"),
        ("picture.xlsx", &[], 415, "unsupported_format"),
        ("password.xlsx", &[], 422, "encrypted_workbook"),
        ("zip_bomb.xlsx", &[], 413, "decompressed_too_large"),
        ("big_3_bad.xlsx", &[], 413, "too_many_rows"),
        ("missing_columns.xlsx", &[], 422, "missing_columns"),
        ("empty_sheet.xlsx", &[], 422, "no_header"),
        ("ambiguous_dates.csv", &[], 422, "ambiguous_date_format"),
        ("sheets.xlsx", &[("sheet", "Nope")], 422, "sheet_not_found"),
        ("good.csv", &[("date_format", "yyyy.dd")], 400, "invalid_option"),
    ];
    for (name, extra, status, code) in cases {
        let res = upload(&app, name, extra).await;
        assert_eq!(res.status().as_u16(), *status, "{name}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], *code, "{name}: {body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    let missing: Value = upload(&app, "missing_columns.xlsx", &[]).await.json().await.unwrap();
    assert_eq!(missing["details"]["missing"], json!(["product_id | sku | name", "quantity"]));

    let small = gateway(&java, &[("APP__IMPORTS__MAX_BYTES", "1000")]).await;
    let res = upload(&small, "big_3_bad.csv", &[]).await;
    assert_eq!(
        (res.status().as_u16(), res.json::<Value>().await.unwrap()["code"].clone()),
        (413, json!("file_too_large"))
    );

    let no_file = Form::new().text("sheet", "Sales");
    let res =
        app.client.post(app.url("/api/v1/excel/uploads")).bearer_auth(admin()).multipart(no_file).send().await.unwrap();
    assert_eq!(
        (res.status().as_u16(), res.json::<Value>().await.unwrap()["code"].clone()),
        (400, json!("missing_file"))
    );
    let res = app.post_json("/api/v1/excel/uploads", &admin(), &json!({})).send().await.unwrap();
    assert_eq!(
        (res.status().as_u16(), res.json::<Value>().await.unwrap()["code"].clone()),
        (415, json!("unsupported_media_type"))
    );
    let res = app
        .client
        .post(app.url("/api/v1/excel/uploads"))
        .bearer_auth(tokens::user())
        .multipart(Form::new())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "writing sales needs ADMIN, as in Java");

    // Row-level problems are not file errors: the batch lists them.
    for (name, code) in [("formulas.xlsx", "cell_error"), ("merged.xlsx", "merged_cell")] {
        let res = upload(&app, name, &[]).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{name}");
        let body: Value = res.json().await.unwrap();
        assert!(body["errors"].as_array().unwrap().iter().any(|e| e["code"] == code), "{name}: {body}");
    }
    let id =
        upload(&app, "bad_rows.csv", &[]).await.json::<Value>().await.unwrap()["batch_id"].as_str().unwrap().to_owned();
    let res = commit(&app, &id, "all_or_nothing").await;
    assert_eq!(
        (res.status().as_u16(), res.json::<Value>().await.unwrap()["code"].clone()),
        (422, json!("batch_has_errors"))
    );
    let res = commit(&app, "not-a-uuid", "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = commit(&app, "00000000-0000-0000-0000-000000000000", "all_or_nothing").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_upstream_one_step_route_keeps_its_shape() {
    let java = java().await;
    Mock::given(method("POST")).and(path("/api/v1/sales/bulk")).respond_with(bulk_ok()).expect(1).mount(&java).await;
    let app = gateway(&java, &[]).await;
    let send = |name: &'static str| {
        let form = Form::new().part("file", Part::bytes(fixture(name)).file_name(name));
        app.client.post(app.url("/api/v1/excel/import-sales")).bearer_auth(admin()).multipart(form).send()
    };
    let res = send("good.csv").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "a success is not a 502 (defect 16)");
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        (body["status"].clone(), body["total_rows"].clone(), body["valid_rows"].clone(), body["imported"].clone()),
        (json!("success"), json!(4), json!(4), json!(4))
    );
    assert_eq!(body["java_response"]["message"], "Bulk sales imported successfully");
    let failed: Value = send("bad_rows.csv").await.unwrap().json().await.unwrap();
    assert_eq!(
        (failed["status"].clone(), failed["total_rows"].clone(), failed["valid_rows"].clone()),
        (json!("failed"), json!(16), json!(1))
    );
    assert_eq!(
        failed["errors"][0],
        json!({"row": 2, "field": "product_id / sku / name", "reason": "one of product_id, sku or name is required", "code": "required"})
    );
}

#[tokio::test]
async fn the_template_is_an_xlsx_the_importer_reads() {
    let java = java().await;
    let app = gateway(&java, &[]).await;
    let res = app.get_with("/api/v1/excel/template", &tokens::user()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("salesflow-import-template.xlsx"));
    let bytes = res.bytes().await.unwrap();
    let catalog = import::Catalog::new(vec![domain::Product::new(
        domain::ProductId::new(1),
        domain::Sku::parse("MILK-001").unwrap(),
        "Milk",
        domain::Money::from_cents(250),
    )]);
    let report = import::import(&bytes, &import::ImportOptions::default(), &catalog).unwrap();
    assert_eq!(
        (report.format, report.sheet.as_deref(), report.total_rows, report.valid_rows()),
        (import::Format::Xlsx, Some("Sales"), 1, 1)
    );
    // The instructions sheet and the two data validations are in the package.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("xl/worksheets/sheet2.xml"));
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<dataValidation ").count(), 2, "{sheet}");
    assert!(sheet.contains("type=\"decimal\"") && sheet.contains("type=\"date\""));
    let upload = upload(&app, "good.csv", &[]).await;
    assert_eq!(upload.status(), StatusCode::CREATED);
}

fn unzip(bytes: &[u8], name: &str) -> String {
    // The XLSX is a zip: read one entry with the same crate calamine uses.
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    archive.by_name(name).expect("entry").read_to_string(&mut out).expect("utf-8");
    out
}
