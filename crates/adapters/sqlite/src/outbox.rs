//! The delivery outbox: claim due deliveries under a lease, then mark them done or retry them.

use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{AlertStoreError, Delivery};
use sqlx::SqlitePool;

use crate::codec::{delivery_from_row, id_text, micros};
use crate::error::unavailable;

pub(crate) async fn claim_due(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<Delivery>, AlertStoreError> {
    // SQLite has a single writer: holding the write lock from the first read (IMMEDIATE) means
    // no other connection or process can lease between our select and our update.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable("claim_due"))?;
    let rows = sqlx::query(
        "SELECT d.id AS delivery_id, d.channel, d.attempts, a.* \
         FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id \
         WHERE d.next_attempt_at <= ? AND (d.leased_until IS NULL OR d.leased_until <= ?) \
         ORDER BY d.next_attempt_at, d.id LIMIT ?",
    )
    .bind(micros(now))
    .bind(micros(now))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await
    .map_err(unavailable("claim_due"))?;
    let claimed = rows.iter().map(delivery_from_row).collect::<Result<Vec<_>, _>>()?;
    // One cached statement per row rather than an `IN (…)` list, which SQLite caps in length.
    for delivery in &claimed {
        sqlx::query("UPDATE alert_deliveries SET leased_until = ? WHERE id = ?")
            .bind(micros(lease_until))
            .bind(id_text(delivery.id))
            .execute(&mut *tx)
            .await
            .map_err(unavailable("claim_due"))?;
    }
    tx.commit().await.map_err(unavailable("claim_due"))?;
    Ok(claimed)
}

pub(crate) async fn delivered(pool: &SqlitePool, delivery: Uuid, at: DateTime<Utc>) -> Result<(), AlertStoreError> {
    let done = sqlx::query(
        "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = NULL, leased_until = NULL, \
         delivered_at = ? WHERE id = ?",
    )
    .bind(micros(at))
    .bind(id_text(delivery))
    .execute(pool)
    .await
    .map_err(unavailable("delivered"))?;
    if done.rows_affected() == 0 {
        tracing::warn!(%delivery, "delivered: unknown delivery");
    }
    Ok(())
}

pub(crate) async fn failed(
    pool: &SqlitePool,
    delivery: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), AlertStoreError> {
    // `next_attempt_at = NULL` abandons the delivery: it stays for the record, never claimed.
    let done = sqlx::query(
        "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = ?, leased_until = NULL, \
         last_error = ? WHERE id = ?",
    )
    .bind(retry_at.map(micros))
    .bind(error)
    .bind(id_text(delivery))
    .execute(pool)
    .await
    .map_err(unavailable("failed"))?;
    if done.rows_affected() == 0 {
        tracing::warn!(%delivery, "failed: unknown delivery");
    }
    Ok(())
}
