//! Java's JSON shapes (reference §9.5) and the list normalisation of §7.4.
//!
//! Fields the adapter does not use (`description`, `imageUrl`, `productName`, `createdAt`, …)
//! are not declared: serde ignores them, as Spring ignores unknown fields on its side. Numbers
//! are read as `f64` so that an int and a float (or a `BigDecimal` like `2.50`) are both accepted.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `ProductDto`: `price` is required by Java; the stock fields have Java defaults.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductDto {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) sku: Option<String>,
    pub(crate) price: f64,
    pub(crate) stock_quantity: Option<f64>,
    pub(crate) low_stock_threshold: Option<f64>,
}

/// `InventoryResponse`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InventoryDto {
    pub(crate) id: u64,
    pub(crate) sku: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) quantity: Option<f64>,
    pub(crate) price: f64,
    pub(crate) cost: Option<f64>,
    pub(crate) category: Option<String>,
}

/// `SaleResponse`. `saleDate` stays raw JSON so that one odd date skips one sale, not the call.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SaleDto {
    pub(crate) id: u64,
    pub(crate) sale_date: Option<Value>,
    pub(crate) total_amount: Option<f64>,
    pub(crate) items: Option<Vec<SaleItemDto>>,
}

/// `SaleItemResponse`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SaleItemDto {
    pub(crate) product_id: Option<u64>,
    pub(crate) quantity: Option<f64>,
    pub(crate) unit_price: Option<f64>,
    pub(crate) subtotal: Option<f64>,
}

/// `SalesHistoryDto`: units of one product on one day.
#[derive(Debug, Deserialize)]
pub(crate) struct HistoryDto {
    pub(crate) date: String,
    pub(crate) quantity: f64,
}

/// A Java DTO, named as Java names it so that a decoding error points at the contract.
pub(crate) trait JavaDto: DeserializeOwned {
    const NAME: &'static str;
}

impl JavaDto for ProductDto {
    const NAME: &'static str = "ProductDto";
}

impl JavaDto for InventoryDto {
    const NAME: &'static str = "InventoryResponse";
}

impl JavaDto for SaleDto {
    const NAME: &'static str = "SaleResponse";
}

impl JavaDto for HistoryDto {
    const NAME: &'static str = "SalesHistoryDto";
}

/// Which envelope keys may hold the list: the sales client also looked under `sales`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listing {
    Plain,
    Sales,
}

impl Listing {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Self::Plain => &["data", "content", "items", "result"],
            Self::Sales => &["data", "sales", "content", "items", "result"],
        }
    }
}

/// A JSON array as is; an object through its first list-valued envelope key; any other object
/// as a one-element list. An object with an `id` is a record, not an envelope: a lone
/// `SaleResponse` has a list-valued `items` that must not be mistaken for the list.
pub(crate) fn normalise(value: Value, listing: Listing) -> Result<Vec<Value>, String> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(object) if object.contains_key("id") => Ok(vec![Value::Object(object)]),
        Value::Object(mut object) => {
            let key = listing.keys().iter().find(|key| object.get(**key).is_some_and(Value::is_array));
            match key.and_then(|key| object.remove(*key)) {
                Some(Value::Array(items)) => Ok(items),
                _ => Ok(vec![Value::Object(object)]),
            }
        }
        other => Err(format!("expected a JSON array or object, got {}", kind(&other))),
    }
}

/// Decodes a list response into `T`s. Java answers with a bare array almost always: that is read
/// straight into the DTOs in one pass (for 100 000 sales, several times faster than building a
/// `Value` tree first). Envelopes, and arrays that fail to decode, take the general path, which
/// also names the offending item.
pub(crate) fn decode_list<T: JavaDto>(body: &[u8], listing: Listing) -> Result<Vec<T>, String> {
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
        && let Ok(items) = serde_json::from_slice::<Vec<T>>(body)
    {
        return Ok(items);
    }
    let value =
        serde_json::from_slice(body).map_err(|e| format!("invalid JSON at line {} column {}", e.line(), e.column()))?;
    decode_items(normalise(value, listing)?)
}

/// Decodes each element, naming the first one that does not match `T`.
fn decode_items<T: JavaDto>(items: Vec<Value>) -> Result<Vec<T>, String> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            serde_json::from_value(item).map_err(|e| format!("item {index} is not a {}: {e}", T::NAME))
        })
        .collect()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unwraps_the_first_list_valued_key_in_order() {
        let both = json!({"items": [1], "data": [2], "result": [3]});
        assert_eq!(normalise(both, Listing::Plain).unwrap(), vec![json!(2)]);
        let not_a_list = json!({"data": {"x": 1}, "content": [4]});
        assert_eq!(normalise(not_a_list, Listing::Plain).unwrap(), vec![json!(4)]);
    }

    #[test]
    fn sales_key_counts_only_for_sales_endpoints() {
        let body = json!({"sales": [1], "items": [2]});
        assert_eq!(normalise(body.clone(), Listing::Sales).unwrap(), vec![json!(1)]);
        assert_eq!(normalise(body, Listing::Plain).unwrap(), vec![json!(2)]);
    }

    #[test]
    fn wraps_a_bare_object_and_refuses_scalars() {
        let single = json!({"id": 1, "name": "Milk"});
        assert_eq!(normalise(single.clone(), Listing::Plain).unwrap(), vec![single]);
        let sale = json!({"id": 8, "saleDate": "2026-11-20T09:00:00", "items": [{"productId": 1}]});
        assert_eq!(normalise(sale.clone(), Listing::Sales).unwrap(), vec![sale]);
        assert!(normalise(json!(null), Listing::Plain).is_err());
        assert!(normalise(json!("text"), Listing::Sales).is_err());
    }

    #[test]
    fn names_the_item_that_does_not_match() {
        let items = vec![json!({"date": "2026-11-20", "quantity": 2}), json!({"date": "2026-11-21"})];
        let error = decode_items::<HistoryDto>(items).unwrap_err();
        assert!(error.starts_with("item 1 is not a SalesHistoryDto: missing field `quantity`"), "{error}");
    }
}
