-- Alert history and the outbox of deliveries that notify humans about alerts.
-- Created in the schema the store was given (its connections' search_path), never in public.

CREATE TABLE alerts (
    id              UUID        NOT NULL PRIMARY KEY,
    dedup_key       TEXT        NOT NULL UNIQUE,
    source          TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    -- 0 = INFO … 4 = CRITICAL: `min_severity` filters on the rank, the name is what we show.
    severity_rank   SMALLINT    NOT NULL CHECK (severity_rank BETWEEN 0 AND 4),
    severity        TEXT        NOT NULL,
    scope           TEXT        NOT NULL,
    product_id      BIGINT,
    date            DATE,
    title           TEXT        NOT NULL,
    message         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('open', 'acknowledged')),
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by TEXT
);

-- Listing is newest first.
CREATE INDEX alerts_newest ON alerts (created_at DESC, id DESC);

CREATE TABLE alert_deliveries (
    id              UUID        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    alert_id        UUID        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel         TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- NULL once the delivery is done (delivered or abandoned): it is never claimed again.
    next_attempt_at TIMESTAMPTZ,
    leased_until    TIMESTAMPTZ,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);

-- Claiming walks pending deliveries by due time; done ones stay out of the index.
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at, id) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
