//! What every PostgreSQL test shares: the local server's URL, and a fresh schema per test,
//! dropped afterwards even when the test fails.

#![allow(dead_code, reason = "each test binary uses its own subset")]

use adapter_postgres::PostgresAlertStore;
use domain::Uuid;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

pub(crate) const URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub(crate) async fn connect(schema: &str) -> PostgresAlertStore {
    PostgresAlertStore::connect(URL, schema, 4).await.expect("the local PostgreSQL accepts the store")
}

pub(crate) async fn raw() -> PgConnection {
    PgConnection::connect(URL).await.expect("a raw connection to the local PostgreSQL")
}

/// Runs `test` with a fresh schema name, then drops that schema (best effort) whatever happened.
pub(crate) async fn in_fresh_schema<F, Fut>(test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let schema = format!("t_{}", Uuid::now_v7().simple());
    let outcome = tokio::spawn(test(schema.clone())).await;
    let drop_schema = AssertSqlSafe(format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    if let Ok(mut conn) = PgConnection::connect(URL).await {
        sqlx::raw_sql(drop_schema).execute(&mut conn).await.ok();
    }
    if let Err(failure) = outcome {
        match failure.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(failure) => panic!("the test task did not finish: {failure}"),
        }
    }
}
