//! `SalesSource` over Java's catalogue, inventory and sales-history endpoints.

use async_trait::async_trait;
use chrono::{NaiveDate, NaiveTime};
use domain::{InventoryItem, Principal, Product, SalesLedger, Sku};
use ports::{DailyUnits, SalesSource, SourceError};
use reqwest::Url;

use crate::client::JavaClient;
use crate::convert;
use crate::dto::{self, HistoryDto, InventoryDto, JavaDto, Listing, ProductDto, SaleDto};
use crate::errors;

/// One GET endpoint: how reasons name it and which envelope keys its lists may come in.
#[derive(Debug, Clone, Copy)]
struct Route {
    op: &'static str,
    listing: Listing,
}

const PRODUCTS: Route = Route { op: "GET /products", listing: Listing::Plain };
const INVENTORY: Route = Route { op: "GET /inventory", listing: Listing::Plain };
const SALES_HISTORY: Route = Route { op: "GET /sales/history", listing: Listing::Sales };
const HISTORY_BY_SKU: Route = Route { op: "GET /sales/history/by-sku/{sku}", listing: Listing::Sales };

/// The `days` Java needs so that its window starts no later than `since`. Java counts from
/// "start of (its today − days)" on its own clock, so one day of margin absorbs a clock or
/// zone skew; the surplus is filtered out here.
fn history_days(today: NaiveDate, since: NaiveDate) -> i64 {
    ((today - since).num_days() + 1).max(1)
}

impl JavaClient {
    /// GETs `url` and decodes its normalised list into `T`s.
    async fn get_list<T: JavaDto>(&self, route: Route, url: &Url, caller: &Principal) -> Result<Vec<T>, SourceError> {
        let reply = self.get(route.op, url, caller).await.map_err(errors::source_failure)?;
        if !reply.status.is_success() {
            return Err(errors::source_status(route.op, &reply));
        }
        dto::decode_list(&reply.body, route.listing).map_err(|reason| bad_response(route, url, &reason))
    }

    fn days_query(&self, mut url: Url, since: NaiveDate) -> Url {
        url.query_pairs_mut().append_pair("days", &history_days(self.clock.today(), since).to_string());
        url
    }
}

/// Logs the URL, returns a reason without it.
fn bad_response(route: Route, url: &Url, reason: &str) -> SourceError {
    tracing::warn!(op = route.op, %url, reason, "Java sent an unreadable answer");
    SourceError::BadResponse { reason: format!("{}: {reason}", route.op) }
}

#[async_trait]
impl SalesSource for JavaClient {
    #[tracing::instrument(name = "java.products", skip_all)]
    async fn products(&self, caller: &Principal) -> Result<Vec<Product>, SourceError> {
        let products_url = self.endpoints.api(&["products"]);
        let inventory_url = self.endpoints.api(&["inventory"]);
        // ProductDto carries no category or cost; the inventory does, keyed by the same sku.
        let (products, inventory) = tokio::join!(
            self.get_list::<ProductDto>(PRODUCTS, &products_url, caller),
            self.get_list::<InventoryDto>(INVENTORY, &inventory_url, caller),
        );
        let costs = match inventory.map(|items| convert::costing(&items)) {
            Ok(Ok(costs)) => costs,
            Ok(Err(reason)) => {
                tracing::warn!(reason, "GET /inventory: unusable, products stay uncategorised and without cost");
                Default::default()
            }
            Err(error) => {
                tracing::warn!(%error, "GET /inventory failed, products stay uncategorised and without cost");
                Default::default()
            }
        };
        let (products, skipped) =
            convert::products(products?, &costs).map_err(|reason| bad_response(PRODUCTS, &products_url, &reason))?;
        if skipped > 0 {
            tracing::warn!(skipped, "GET /products: skipped products without a valid sku");
        }
        Ok(products)
    }

    #[tracing::instrument(name = "java.sales_since", skip_all, fields(%since))]
    async fn sales_since(&self, caller: &Principal, since: NaiveDate) -> Result<SalesLedger, SourceError> {
        let url = self.days_query(self.endpoints.api(&["sales", "history"]), since);
        let sales: Vec<SaleDto> = self.get_list(SALES_HISTORY, &url, caller).await?;
        // Java's window follows Java's clock: drop what precedes the shop-local start of `since`.
        let from = since.and_time(NaiveTime::MIN);
        let (ledger, skips) =
            convert::ledger(sales, self.zone, from).map_err(|reason| bad_response(SALES_HISTORY, &url, &reason))?;
        if skips.any() {
            tracing::warn!(
                undated_sales = skips.undated_sales,
                unusable_items = skips.unusable_items,
                unpriced_items = skips.unpriced_items,
                "GET /sales/history: skipped sales with an unreadable saleDate, items without productId or \
                 quantity; unpriced items counted at 0"
            );
        }
        Ok(ledger)
    }

    #[tracing::instrument(name = "java.product_daily_units", skip_all, fields(%sku, %since))]
    async fn product_daily_units(
        &self,
        caller: &Principal,
        sku: &Sku,
        since: NaiveDate,
    ) -> Result<Vec<DailyUnits>, SourceError> {
        let not_found = || format!("product with sku {sku}");
        // A path segment of "." or ".." would be resolved away and hit another endpoint.
        if matches!(sku.as_str(), "." | "..") {
            return Err(SourceError::NotFound { what: not_found() });
        }
        let url = self.days_query(self.endpoints.api(&["sales", "history", "by-sku", sku.as_str()]), since);
        let history: Vec<HistoryDto> =
            self.get_list(HISTORY_BY_SKU, &url, caller).await.map_err(|error| match error {
                // Java answers 404 for an unknown sku on this route.
                SourceError::NotFound { .. } => SourceError::NotFound { what: not_found() },
                other => other,
            })?;
        let (units, undated) =
            convert::daily_units(history, since).map_err(|reason| bad_response(HISTORY_BY_SKU, &url, &reason))?;
        if undated > 0 {
            tracing::warn!(undated, "GET /sales/history/by-sku: skipped days with an unreadable date");
        }
        Ok(units)
    }

    #[tracing::instrument(name = "java.inventory", skip_all)]
    async fn inventory(&self, caller: &Principal) -> Result<Vec<InventoryItem>, SourceError> {
        let url = self.endpoints.api(&["inventory"]);
        let rows: Vec<InventoryDto> = self.get_list(INVENTORY, &url, caller).await?;
        let (items, skipped) = convert::inventory(rows).map_err(|reason| bad_response(INVENTORY, &url, &reason))?;
        if skipped > 0 {
            tracing::warn!(skipped, "GET /inventory: skipped rows without a valid sku");
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn asks_for_one_day_more_than_the_window_and_at_least_one() {
        assert_eq!(history_days(day("2026-11-23"), day("2026-11-16")), 8);
        assert_eq!(history_days(day("2026-11-23"), day("2026-11-23")), 1);
        assert_eq!(history_days(day("2026-11-23"), day("2026-12-01")), 1);
        assert_eq!(history_days(day("2026-11-23"), day("2025-11-23")), 366);
    }
}
