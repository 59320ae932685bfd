-- CRM pipeline run history (docs/CRM.md). The run is stored whole as JSON (the API's shape);
-- the columns beside it are what listing sorts by and pruning deletes by.
-- Instants are INTEGER microseconds since the Unix epoch (UTC), as in 0001.

CREATE TABLE crm_runs (
    id         TEXT    NOT NULL PRIMARY KEY,
    started_at INTEGER NOT NULL,
    trigger    TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    record     TEXT    NOT NULL
) STRICT;

-- Listing and pruning are newest first.
CREATE INDEX crm_runs_newest ON crm_runs (started_at DESC, id DESC);
