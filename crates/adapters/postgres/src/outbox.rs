//! The delivery outbox: claim due deliveries under a lease, then mark them done or retry them.

use chrono::{DateTime, Utc};
use domain::Uuid;
use ports::{AlertStoreError, Delivery};
use sqlx::PgPool;

use crate::codec::delivery_from_row;
use crate::error::unavailable;

/// One statement: pick due rows, lock them (skipping rows another claim holds), lease them, and
/// return them with their alerts. The pick is a MATERIALIZED CTE so that it runs exactly once
/// (a `LIMIT` subquery inside `IN (…)` may be re-planned into a join that locks more rows).
/// A row leased by a claim that committed meanwhile is re-checked against the `WHERE` and dropped.
const CLAIM: &str = "\
    WITH due AS MATERIALIZED ( \
        SELECT id FROM alert_deliveries \
        WHERE next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1) \
        ORDER BY next_attempt_at, id \
        LIMIT $3 \
        FOR UPDATE SKIP LOCKED \
    ), claimed AS ( \
        UPDATE alert_deliveries d SET leased_until = $2 FROM due WHERE d.id = due.id \
        RETURNING d.id, d.alert_id, d.channel, d.attempts, d.next_attempt_at \
    ) \
    SELECT c.id AS delivery_id, c.channel, c.attempts, a.* \
    FROM claimed c JOIN alerts a ON a.id = c.alert_id \
    ORDER BY c.next_attempt_at, c.id";

pub(crate) async fn claim_due(
    pool: &PgPool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<Delivery>, AlertStoreError> {
    let rows = sqlx::query(CLAIM)
        .bind(now)
        .bind(lease_until)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(unavailable("claim_due"))?;
    rows.iter().map(delivery_from_row).collect()
}

pub(crate) async fn delivered(pool: &PgPool, delivery: Uuid, at: DateTime<Utc>) -> Result<(), AlertStoreError> {
    let done = sqlx::query(
        "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = NULL, leased_until = NULL, \
         delivered_at = $1 WHERE id = $2",
    )
    .bind(at)
    .bind(delivery)
    .execute(pool)
    .await
    .map_err(unavailable("delivered"))?;
    if done.rows_affected() == 0 {
        tracing::warn!(%delivery, "delivered: unknown delivery");
    }
    Ok(())
}

pub(crate) async fn failed(
    pool: &PgPool,
    delivery: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), AlertStoreError> {
    // `next_attempt_at = NULL` abandons the delivery: it stays for the record, never claimed.
    let done = sqlx::query(
        "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = $1, leased_until = NULL, \
         last_error = $2 WHERE id = $3",
    )
    .bind(retry_at)
    .bind(error)
    .bind(delivery)
    .execute(pool)
    .await
    .map_err(unavailable("failed"))?;
    if done.rows_affected() == 0 {
        tracing::warn!(%delivery, "failed: unknown delivery");
    }
    Ok(())
}
