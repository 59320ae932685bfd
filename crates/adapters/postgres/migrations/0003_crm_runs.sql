-- CRM pipeline run history (docs/CRM.md). The run is stored whole as JSON text (the API's
-- shape, read back exactly as written); the columns beside it are what listing sorts by and
-- pruning deletes by.

CREATE TABLE crm_runs (
    id         UUID        NOT NULL PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    trigger    TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    record     TEXT        NOT NULL
);

-- Listing and pruning are newest first.
CREATE INDEX crm_runs_newest ON crm_runs (started_at DESC, id DESC);
