-- Import batches (issue 6): an uploaded, validated file and the progress of its commit, shared by
-- every gateway, so that batches survive a restart and an interrupted commit resumes anywhere.
-- Created in the schema the store was given (its connections' search_path), never in public.

CREATE TABLE import_batches (
    id          UUID        NOT NULL PRIMARY KEY,
    owner       TEXT        NOT NULL,
    file_name   TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    -- import::ImportReport as JSON text: written once, always read whole, never queried inside
    -- (TEXT rather than JSONB: no parse on write for up to 200 000 rows).
    report      TEXT        NOT NULL,
    progress    TEXT,       -- ports::CommitProgress as JSON; NULL until a commit starts
    version     BIGINT      NOT NULL CHECK (version >= 0)   -- bumped by every write (compare-and-set)
);

-- The periodic purge looks for expired batches.
CREATE INDEX import_batches_expiry ON import_batches (expires_at);
