//! The alert history: record (deduplicated, with its deliveries), get, list, acknowledge.

use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::alert::{Alert, AlertStatus};
use ports::{AlertFilter, AlertPage, AlertStoreError, Recorded};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::codec::{alert_from_row, date_text, id_text, micros, product_column, severity_rank};
use crate::error::unavailable;

pub(crate) async fn record(pool: &SqlitePool, alert: &Alert, channels: &[String]) -> Result<Recorded, AlertStoreError> {
    // IMMEDIATE takes the write lock now, so the busy timeout (not an error) covers a concurrent
    // writer, and the alert and its deliveries commit together.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable("record"))?;
    let recorded = match insert(&mut tx, alert).await? {
        Some(stored) => {
            for channel in channels {
                sqlx::query("INSERT INTO alert_deliveries (alert_id, channel, next_attempt_at) VALUES (?, ?, ?)")
                    .bind(id_text(stored.id))
                    .bind(channel.as_str())
                    .bind(micros(stored.created_at))
                    .execute(&mut *tx)
                    .await
                    .map_err(unavailable("record"))?;
            }
            Recorded::New(stored)
        }
        None => {
            let row = sqlx::query("SELECT * FROM alerts WHERE dedup_key = ?")
                .bind(alert.dedup_key.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(unavailable("record"))?;
            Recorded::Duplicate(alert_from_row(&row)?)
        }
    };
    tx.commit().await.map_err(unavailable("record"))?;
    Ok(recorded)
}

/// Inserts `alert` unless its dedup key exists; returns the stored alert when inserted.
async fn insert(conn: &mut SqliteConnection, alert: &Alert) -> Result<Option<Alert>, AlertStoreError> {
    let row = sqlx::query(
        "INSERT INTO alerts (id, dedup_key, source, kind, severity_rank, severity, scope, product_id, date, \
         title, message, created_at, status, acknowledged_at, acknowledged_by) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (dedup_key) DO NOTHING RETURNING *",
    )
    .bind(id_text(alert.id))
    .bind(alert.dedup_key.as_str())
    .bind(alert.source.as_str())
    .bind(alert.kind.as_str())
    .bind(severity_rank(alert.severity))
    .bind(alert.severity.as_str())
    .bind(alert.scope.as_str())
    .bind(product_column(alert.product_id)?)
    .bind(date_text(alert.date))
    .bind(alert.title.as_str())
    .bind(alert.message.as_str())
    .bind(micros(alert.created_at))
    .bind(alert.status.as_str())
    .bind(alert.acknowledged_at.map(micros))
    .bind(alert.acknowledged_by.as_deref())
    .fetch_optional(&mut *conn)
    .await
    .map_err(unavailable("record"))?;
    row.as_ref().map(alert_from_row).transpose()
}

pub(crate) async fn get(pool: &SqlitePool, id: Uuid) -> Result<Alert, AlertStoreError> {
    let row = sqlx::query("SELECT * FROM alerts WHERE id = ?")
        .bind(id_text(id))
        .fetch_optional(pool)
        .await
        .map_err(unavailable("get"))?;
    row.as_ref().map_or(Err(AlertStoreError::NotFound(id)), alert_from_row)
}

/// Appends the `WHERE` clause of `filter`, every value bound.
fn push_filter(query: &mut QueryBuilder<Sqlite>, filter: &AlertFilter) {
    query.push(" WHERE 1 = 1");
    if let Some(status) = filter.status {
        query.push(" AND status = ").push_bind(status.as_str());
    }
    if let Some(severity) = filter.min_severity {
        query.push(" AND severity_rank >= ").push_bind(severity_rank(severity));
    }
    if let Some(source) = filter.source {
        query.push(" AND source = ").push_bind(source.as_str());
    }
    if let Some(kind) = &filter.kind {
        query.push(" AND kind = ").push_bind(kind.clone());
    }
    if let Some(product) = filter.product_id {
        // An id SQLite cannot store matches no stored alert.
        match i64::try_from(product) {
            Ok(product) => query.push(" AND product_id = ").push_bind(product),
            Err(_) => query.push(" AND 0"),
        };
    }
    if let Some(since) = filter.since {
        query.push(" AND created_at >= ").push_bind(micros(since));
    }
}

pub(crate) async fn list(
    pool: &SqlitePool,
    filter: &AlertFilter,
    offset: u64,
    limit: u32,
) -> Result<AlertPage, AlertStoreError> {
    // One read transaction: the total and the page come from the same snapshot.
    let mut tx = pool.begin().await.map_err(unavailable("list"))?;
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM alerts");
    push_filter(&mut count, filter);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *tx).await.map_err(unavailable("list"))?;
    let mut page = QueryBuilder::new("SELECT * FROM alerts");
    push_filter(&mut page, filter);
    page.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(i64::from(limit));
    page.push(" OFFSET ").push_bind(i64::try_from(offset).unwrap_or(i64::MAX));
    let rows = page.build().fetch_all(&mut *tx).await.map_err(unavailable("list"))?;
    tx.commit().await.map_err(unavailable("list"))?;
    let items = rows.iter().map(alert_from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(AlertPage { items, total: u64::try_from(total).unwrap_or(0) })
}

pub(crate) async fn acknowledge(
    pool: &SqlitePool,
    id: Uuid,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Alert, AlertStoreError> {
    // Only an open alert changes, so the first acknowledgement is the one kept.
    let row = sqlx::query(
        "UPDATE alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ? \
         WHERE id = ? AND status = ? RETURNING *",
    )
    .bind(AlertStatus::Acknowledged.as_str())
    .bind(micros(at))
    .bind(by)
    .bind(id_text(id))
    .bind(AlertStatus::Open.as_str())
    .fetch_optional(pool)
    .await
    .map_err(unavailable("acknowledge"))?;
    match row {
        Some(row) => alert_from_row(&row),
        None => get(pool, id).await,
    }
}
