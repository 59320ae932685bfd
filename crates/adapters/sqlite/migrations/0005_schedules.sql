-- Report schedules, and the claims that make each scheduler tick run once (issue 5).
-- Instants are INTEGER microseconds since the Unix epoch (UTC), as in 0001.

CREATE TABLE report_schedules (
    id               TEXT    NOT NULL PRIMARY KEY,
    owner            TEXT    NOT NULL,
    roles            TEXT    NOT NULL,   -- comma-separated role names
    name             TEXT    NOT NULL,
    cron             TEXT    NOT NULL,
    timezone         TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    format           TEXT    NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    period           TEXT    NOT NULL,
    include_forecast INTEGER NOT NULL CHECK (include_forecast IN (0, 1)),
    recipients       TEXT    NOT NULL,   -- comma-separated addresses
    enabled          INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    active_since     INTEGER NOT NULL
) STRICT;

CREATE INDEX report_schedules_owner ON report_schedules (owner, created_at);

-- One row per claimed tick: the primary key is what makes a tick run once across workers.
CREATE TABLE schedule_ticks (
    task             TEXT    NOT NULL,
    tick_at          INTEGER NOT NULL,
    claimed_at       INTEGER NOT NULL,
    job_id           TEXT,
    owner            TEXT,
    kind             TEXT,
    format           TEXT,
    mail_to          TEXT,              -- comma-separated addresses
    mail_status      TEXT    NOT NULL CHECK (mail_status IN ('none', 'pending', 'sent', 'failed')),
    mail_attempts    INTEGER NOT NULL,
    mail_error       TEXT,
    mail_lease_until INTEGER,
    PRIMARY KEY (task, tick_at)
) STRICT;

CREATE INDEX schedule_ticks_mail ON schedule_ticks (mail_status, tick_at);
CREATE INDEX schedule_ticks_jobs ON schedule_ticks (kind, format, tick_at DESC);
