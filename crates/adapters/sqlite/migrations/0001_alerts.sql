-- Alert history and the outbox of deliveries that notify humans about alerts.
--
-- Instants are INTEGER microseconds since the Unix epoch (UTC): they sort and compare as
-- numbers, which ISO-8601 text with a variable number of fraction digits would not.
-- Ids are hyphenated lower-case UUID text, so text order is UUID byte order.

CREATE TABLE alerts (
    id              TEXT    NOT NULL PRIMARY KEY,
    dedup_key       TEXT    NOT NULL UNIQUE,
    source          TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    -- 0 = INFO … 4 = CRITICAL: `min_severity` filters on the rank, the name is what we show.
    severity_rank   INTEGER NOT NULL CHECK (severity_rank BETWEEN 0 AND 4),
    severity        TEXT    NOT NULL,
    scope           TEXT    NOT NULL,
    product_id      INTEGER,
    date            TEXT,   -- YYYY-MM-DD
    title           TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'acknowledged')),
    acknowledged_at INTEGER,
    acknowledged_by TEXT
) STRICT;

-- Listing is newest first.
CREATE INDEX alerts_newest ON alerts (created_at DESC, id DESC);

CREATE TABLE alert_deliveries (
    -- A random (version 4) UUID: SQLite has no UUID function, so it is built from randomblob.
    id              TEXT    NOT NULL PRIMARY KEY DEFAULT (lower(
                        hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
                        substr(hex(randomblob(2)), 2) || '-' ||
                        substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' ||
                        hex(randomblob(6)))),
    alert_id        TEXT    NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- NULL once the delivery is done (delivered or abandoned): it is never claimed again.
    next_attempt_at INTEGER,
    leased_until    INTEGER,
    last_error      TEXT,
    delivered_at    INTEGER
) STRICT;

-- Claiming walks pending deliveries by due time; done ones stay out of the index.
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at, id) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
