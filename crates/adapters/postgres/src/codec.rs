//! Conversions between domain values and PostgreSQL columns, and rows back into domain values.

use domain::alert::{Alert, AlertSource, AlertStatus};
use domain::{ProductId, Severity};
use ports::{AlertStoreError, Delivery};
use sqlx::postgres::PgRow;
use sqlx::{Decode, Postgres, Row, Type};

use crate::error::corrupt;

const SEVERITIES: [Severity; 5] = [Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

/// The stored rank: ordered like `Severity`, so `min_severity` is a `>=` on one column.
pub(crate) const fn severity_rank(severity: Severity) -> i16 {
    match severity {
        Severity::Info => 0,
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

/// `BIGINT` is signed; ids above `i64::MAX` cannot be stored.
pub(crate) fn product_column(product: Option<ProductId>) -> Result<Option<i64>, AlertStoreError> {
    product
        .map(|p| i64::try_from(p.get()))
        .transpose()
        .map_err(|_| AlertStoreError::Unavailable("product id out of range for postgres".to_owned()))
}

fn col<'r, T>(row: &'r PgRow, table: &str, name: &str) -> Result<T, AlertStoreError>
where
    T: Decode<'r, Postgres> + Type<Postgres>,
{
    row.try_get(name).map_err(|_| corrupt(table, name))
}

/// The severity named in the row; a name that disagrees with the rank is corrupt, because
/// filtering (by rank) and display (by name) would then disagree.
fn severity(row: &PgRow) -> Result<Severity, AlertStoreError> {
    let name: String = col(row, "alerts", "severity")?;
    let rank: i16 = col(row, "alerts", "severity_rank")?;
    SEVERITIES
        .into_iter()
        .find(|s| s.as_str() == name && severity_rank(*s) == rank)
        .ok_or_else(|| corrupt("alerts", "severity"))
}

fn product(row: &PgRow) -> Result<Option<ProductId>, AlertStoreError> {
    let raw: Option<i64> = col(row, "alerts", "product_id")?;
    raw.map(|p| u64::try_from(p).map(ProductId::new)).transpose().map_err(|_| corrupt("alerts", "product_id"))
}

/// Maps a row holding every `alerts` column (`SELECT *`, `RETURNING *`, or `a.*` in a join).
pub(crate) fn alert_from_row(row: &PgRow) -> Result<Alert, AlertStoreError> {
    let source: String = col(row, "alerts", "source")?;
    let status: String = col(row, "alerts", "status")?;
    Ok(Alert {
        id: col(row, "alerts", "id")?,
        dedup_key: col(row, "alerts", "dedup_key")?,
        source: AlertSource::parse(&source).ok_or_else(|| corrupt("alerts", "source"))?,
        kind: col(row, "alerts", "kind")?,
        severity: severity(row)?,
        scope: col(row, "alerts", "scope")?,
        product_id: product(row)?,
        date: col(row, "alerts", "date")?,
        title: col(row, "alerts", "title")?,
        message: col(row, "alerts", "message")?,
        created_at: col(row, "alerts", "created_at")?,
        status: AlertStatus::parse(&status).ok_or_else(|| corrupt("alerts", "status"))?,
        acknowledged_at: col(row, "alerts", "acknowledged_at")?,
        acknowledged_by: col(row, "alerts", "acknowledged_by")?,
    })
}

/// Maps a claim row: `delivery_id`, `channel`, `attempts` and every `alerts` column.
pub(crate) fn delivery_from_row(row: &PgRow) -> Result<Delivery, AlertStoreError> {
    let attempts: i32 = col(row, "alert_deliveries", "attempts")?;
    Ok(Delivery {
        id: col(row, "alert_deliveries", "delivery_id")?,
        alert: alert_from_row(row)?,
        channel: col(row, "alert_deliveries", "channel")?,
        attempts: u32::try_from(attempts).map_err(|_| corrupt("alert_deliveries", "attempts"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_severity_order() {
        let ranks: Vec<i16> = SEVERITIES.into_iter().map(severity_rank).collect();
        assert_eq!(ranks, [0, 1, 2, 3, 4]);
        assert!(SEVERITIES.windows(2).all(|w| w[0] < w[1]), "SEVERITIES lists every severity in order");
    }

    #[test]
    fn product_ids_beyond_i64_are_refused() {
        assert_eq!(product_column(Some(ProductId::new(7))).ok(), Some(Some(7)));
        assert!(product_column(Some(ProductId::new(u64::MAX))).is_err());
    }
}
