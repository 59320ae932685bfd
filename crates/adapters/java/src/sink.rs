//! `SalesSink` over Java's `POST /sales/bulk`.

use async_trait::async_trait;
use domain::{NewSale, NewSaleLine, Principal};
use ports::{SalesSink, SinkError, SinkReceipt};
use serde::Serialize;

use crate::client::JavaClient;
use crate::dates;
use crate::errors;

const BULK: &str = "POST /sales/bulk";

/// `CreateSaleRequest`. `saleDate` is an extension: the current Java ignores it (Spring skips
/// unknown fields) and a newer one may honour it, so it is sent only when known.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateSaleRequest<'a> {
    items: Vec<SaleItemRequest<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sale_date: Option<String>,
}

/// `SaleItemRequest`; `unitPrice` is an extension like `saleDate`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SaleItemRequest<'a> {
    product_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sku: Option<&'a str>,
    quantity: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_price: Option<f64>,
}

fn rejected(code: &str, message: String) -> SinkError {
    SinkError::Rejected { code: code.to_owned(), message }
}

/// Java's `quantity` is an `int ≥ 1`: anything else would be truncated or refused there, so it
/// is refused here, before anything of the batch is sent.
fn whole_units(line: &NewSaleLine, sale: usize, index: usize) -> Result<i32, SinkError> {
    let milli = line.quantity.milli();
    match i32::try_from(milli / 1000) {
        Ok(units) if milli % 1000 == 0 && units >= 1 => Ok(units),
        _ => Err(rejected(
            "INVALID_QUANTITY",
            format!("sale {sale}, line {index}: quantity {} is not a whole number of at least 1", line.quantity),
        )),
    }
}

fn request(sale: &NewSale, index: usize) -> Result<CreateSaleRequest<'_>, SinkError> {
    if sale.lines.is_empty() {
        return Err(rejected("EMPTY_SALE", format!("sale {index} has no lines")));
    }
    let items = sale
        .lines
        .iter()
        .enumerate()
        .map(|(line_index, line)| {
            Ok(SaleItemRequest {
                product_id: line.product_id.get(),
                sku: line.sku.as_ref().map(domain::Sku::as_str),
                quantity: whole_units(line, index, line_index)?,
                unit_price: line.unit_price.map(domain::Money::to_f64),
            })
        })
        .collect::<Result<_, SinkError>>()?;
    Ok(CreateSaleRequest { items, sale_date: sale.at.map(dates::format_local) })
}

#[async_trait]
impl SalesSink for JavaClient {
    #[tracing::instrument(name = "java.record", skip_all, fields(sales = sales.len()))]
    async fn record(&self, caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError> {
        if sales.is_empty() {
            return Ok(SinkReceipt { recorded: 0, message: "nothing to record".to_owned() });
        }
        let body = sales.iter().enumerate().map(|(index, sale)| request(sale, index)).collect::<Result<Vec<_>, _>>()?;
        let url = self.endpoints.api(&["sales", "bulk"]);
        let reply = self.post_json(BULK, &url, caller, &body).await.map_err(errors::sink_failure)?;
        if !reply.status.is_success() {
            return Err(errors::sink_status(BULK, &reply));
        }
        // Java answers in plain text ("Bulk sales imported successfully"), not JSON.
        let text = String::from_utf8_lossy(&reply.body);
        Ok(SinkReceipt { recorded: sales.len(), message: errors::truncate(text.trim()) })
    }
}
