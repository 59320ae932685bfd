//! Upload inputs of issue 6 that are not refusals, through the API: merged cells in every
//! workbook format, hidden and multiple sheets chosen by `sheet`, a Windows-1252 CSV, a CSV
//! named `.xlsx`. Each answer is a 201 whose rows and errors say what happened, never a 500.

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestApp;

use crate::excel::{gateway, java, upload};

async fn created(app: &TestApp, name: &str, extra: &[(&str, &str)]) -> Value {
    let res = upload(app, name, extra).await;
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, StatusCode::CREATED, "{name} {extra:?}: {body}");
    body
}

fn errors(body: &Value) -> Vec<(u64, String, String)> {
    body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (e["row"].as_u64().unwrap_or(0), text("field"), text("code"))
        })
        .collect()
}

#[tokio::test]
async fn merged_cells_are_row_errors_in_xlsx_xls_and_ods() {
    let java = java().await;
    let app = gateway(&java, &[]).await;
    for name in ["merged.xlsx", "merged.xls", "merged.ods"] {
        let body = created(&app, name, &[]).await;
        let merged = ("sale_date".to_owned(), "merged_cell".to_owned());
        assert_eq!(
            errors(&body),
            [(3, merged.0.clone(), merged.1.clone()), (4, merged.0, merged.1)],
            "{name}: both rows of the merged date"
        );
        assert_eq!(body["counts"], json!({"rows": 4, "valid": 2, "invalid": 2, "errors": 2}), "{name}");
    }
}

#[tokio::test]
async fn the_sheet_parameter_picks_any_sheet_and_the_default_skips_hidden_ones() {
    let java = java().await;
    let app = gateway(&java, &[]).await;
    for name in ["sheets.xlsx", "sheets.ods"] {
        let default = created(&app, name, &[]).await;
        assert_eq!(
            (default["sheet"].clone(), default["counts"]["valid"].clone()),
            (json!("Sales"), json!(4)),
            "{name}"
        );
        let returns = created(&app, name, &[("sheet", "RETURNS")]).await;
        assert_eq!(returns["sheet"], "Returns", "{name}: case-insensitive");
        assert_eq!(returns["preview"][0]["sku"], "BUTTER-004", "{name}");
        let hidden = created(&app, name, &[("sheet", "Old")]).await;
        assert_eq!(hidden["preview"][0]["quantity"], json!(99.0), "{name}: a hidden sheet when asked by name");
        let res = upload(&app, name, &[("sheet", "Nope")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["code"], "sheet_not_found", "{name}");
        assert!(body["message"].as_str().unwrap_or_default().contains("Returns"), "{name}: lists the sheets: {body}");
    }
}

#[tokio::test]
async fn non_utf8_and_misnamed_csv_files_are_read_by_content() {
    let java = java().await;
    let app = gateway(&java, &[("APP__IMPORTS__ALLOW_FRACTIONAL_QUANTITIES", "true")]).await;
    let latin = created(&app, "windows1252.csv", &[]).await;
    assert_eq!(latin["format"], "csv");
    assert_eq!(latin["counts"], json!({"rows": 2, "valid": 2, "invalid": 0, "errors": 0}), "{latin}");
    assert_eq!(
        (latin["preview"][0]["quantity"].clone(), latin["preview"][0]["sale_date"].clone()),
        (json!(2.5), json!("2025-03-25"))
    );
    let misnamed = created(&app, "csv_named.xlsx", &[]).await;
    assert_eq!((misnamed["format"].clone(), misnamed["counts"]["invalid"].clone()), (json!("csv"), json!(0)));
}
