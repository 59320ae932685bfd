-- Report jobs: the durable queue of the reports pipeline and the record of each job.
-- Instants are INTEGER microseconds since the Unix epoch (UTC), as in 0001.

CREATE TABLE report_jobs (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner         TEXT    NOT NULL,
    roles         TEXT    NOT NULL,   -- comma-separated role names
    kind          TEXT    NOT NULL,
    format        TEXT    NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    request       TEXT    NOT NULL,   -- the use case's JSON
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'generating', 'completed', 'failed')),
    progress      INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    attempts      INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER,
    run_after     INTEGER NOT NULL,
    leased_until  INTEGER,
    error         TEXT,
    artifact_key  TEXT,
    file_name     TEXT,
    bytes         INTEGER,
    sha256        TEXT
) STRICT;

-- Claims look for due work; listings are per owner, newest first.
CREATE INDEX report_jobs_due ON report_jobs (status, run_after);
CREATE INDEX report_jobs_owner ON report_jobs (owner, created_at DESC, id DESC);
