//! Against a gateway: `POST /api/v1/excel/uploads` (multipart), then with `--commit`
//! `POST /api/v1/excel/uploads/{id}/commit`; the answers are docs/IMPORT.md's.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::{Args, Outcome, Refused, RowProblem, spinner};

/// The gateway's `{code, message}` error body, or the status when there is none.
async fn refusal(response: reqwest::Response) -> Refused {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    Refused {
        code: body["code"].as_str().map_or_else(|| format!("http_{}", status.as_u16()), str::to_owned),
        message: body["message"].as_str().map_or_else(|| status.to_string(), str::to_owned),
    }
}

fn count(body: &Value, key: &str) -> u64 {
    body["counts"][key].as_u64().unwrap_or(0)
}

pub(super) async fn run(args: &Args, server: &str) -> Result<Outcome, Refused> {
    let base = server.trim_end_matches('/');
    let client = reqwest::Client::builder().build().map_err(anyhow::Error::from)?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Refused { code: "unreadable".into(), message: format!("cannot read the file: {e}") })?;
    let name = args.file.file_name().map_or_else(|| "upload".to_owned(), |n| n.to_string_lossy().into_owned());
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name));
    if let Some(sheet) = &args.sheet {
        form = form.text("sheet", sheet.clone());
    }
    if let Some(format) = &args.date_format {
        form = form.text("date_format", format.clone());
    }
    let authorised = |request: reqwest::RequestBuilder| match &args.token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    let step = spinner("uploading and checking");
    let response = authorised(client.post(format!("{base}/api/v1/excel/uploads")).multipart(form))
        .send()
        .await
        .map_err(|e| Refused { code: "unreachable".into(), message: format!("{base}: {e}") })?;
    if !response.status().is_success() {
        step.finish_and_clear();
        return Err(refusal(response).await);
    }
    let body: Value = response.json().await.map_err(anyhow::Error::from)?;
    let batch_id = body["batch_id"].as_str().unwrap_or_default().to_owned();
    let mut outcome = Outcome {
        batch_id: batch_id.clone(),
        format: body["format"].as_str().unwrap_or_default().to_owned(),
        sheet: body["sheet"].as_str().map(str::to_owned),
        rows: count(&body, "rows"),
        valid: count(&body, "valid"),
        invalid: count(&body, "invalid"),
        // The upload answer carries every error (only GET pages them).
        errors: body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| RowProblem {
                        row: e["row"].as_u64().unwrap_or(0),
                        field: e["field"].as_str().unwrap_or_default().to_owned(),
                        code: e["code"].as_str().unwrap_or_default().to_owned(),
                        message: e["message"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        committed: None,
    };
    if args.commit {
        step.set_message(format!("committing {} rows", outcome.valid));
        let response = authorised(client.post(format!("{base}/api/v1/excel/uploads/{batch_id}/commit")))
            .json(&json!({ "mode": args.mode.as_str() }))
            .send()
            .await
            .map_err(|e| Refused { code: "unreachable".into(), message: format!("{base}: {e}") })?;
        if response.status().is_success() {
            let done: Value = response.json().await.map_err(anyhow::Error::from)?;
            outcome.committed = Some(done["committed"].as_u64().unwrap_or(0));
        } else {
            let refused = refusal(response).await;
            // Invalid rows under all-or-nothing: reported by the exit code, nothing recorded.
            if refused.code != "batch_has_errors" {
                step.finish_and_clear();
                return Err(refused);
            }
        }
    }
    step.finish_and_clear();
    Ok(outcome)
}
