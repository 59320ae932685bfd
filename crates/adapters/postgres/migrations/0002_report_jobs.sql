-- Report jobs: the durable queue of the reports pipeline and the record of each job, shared by
-- every gateway and worker pointed at this schema.

CREATE TABLE report_jobs (
    id            UUID        NOT NULL PRIMARY KEY,
    owner         TEXT        NOT NULL,
    roles         TEXT[]      NOT NULL,
    kind          TEXT        NOT NULL,
    format        TEXT        NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    request       TEXT        NOT NULL,   -- the use case's JSON, not interpreted here
    status        TEXT        NOT NULL CHECK (status IN ('queued', 'generating', 'completed', 'failed')),
    progress      SMALLINT    NOT NULL CHECK (progress BETWEEN 0 AND 100),
    attempts      INTEGER     NOT NULL CHECK (attempts >= 0),
    created_at    TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    run_after     TIMESTAMPTZ NOT NULL,
    leased_until  TIMESTAMPTZ,
    error         TEXT,
    artifact_key  TEXT,
    file_name     TEXT,
    bytes         BIGINT,
    sha256        TEXT
);

-- Claims look for due work; listings are per owner, newest first; retention by finish time.
CREATE INDEX report_jobs_due ON report_jobs (status, run_after);
CREATE INDEX report_jobs_owner ON report_jobs (owner, created_at DESC, id DESC);
CREATE INDEX report_jobs_finished ON report_jobs (finished_at) WHERE finished_at IS NOT NULL;
