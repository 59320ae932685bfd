-- Report schedules, and the claims that make each scheduler tick run once (issue 5).
-- Created in the schema the store was given (its connections' search_path), never in public.

CREATE TABLE report_schedules (
    id               UUID        NOT NULL PRIMARY KEY,
    owner            TEXT        NOT NULL,
    roles            TEXT[]      NOT NULL,
    name             TEXT        NOT NULL,
    cron             TEXT        NOT NULL,
    timezone         TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    format           TEXT        NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    period           TEXT        NOT NULL,
    include_forecast BOOLEAN     NOT NULL,
    recipients       TEXT[]      NOT NULL,
    enabled          BOOLEAN     NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    active_since     TIMESTAMPTZ NOT NULL
);

CREATE INDEX report_schedules_owner ON report_schedules (owner, created_at);

-- One row per claimed tick: the primary key is what makes a tick run once across machines.
CREATE TABLE schedule_ticks (
    task             TEXT        NOT NULL,
    tick_at          TIMESTAMPTZ NOT NULL,
    claimed_at       TIMESTAMPTZ NOT NULL,
    job_id           UUID,
    owner            TEXT,
    kind             TEXT,
    format           TEXT,
    mail_to          TEXT[],
    mail_status      TEXT        NOT NULL CHECK (mail_status IN ('none', 'pending', 'sent', 'failed')),
    mail_attempts    INTEGER     NOT NULL,
    mail_error       TEXT,
    mail_lease_until TIMESTAMPTZ,
    PRIMARY KEY (task, tick_at)
);

CREATE INDEX schedule_ticks_mail ON schedule_ticks (mail_status, tick_at);
CREATE INDEX schedule_ticks_jobs ON schedule_ticks (kind, format, tick_at DESC);
