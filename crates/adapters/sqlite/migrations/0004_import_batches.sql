-- Import batches (issue 6): an uploaded, validated file and the progress of its commit, so that
-- batches survive a restart and an interrupted commit resumes from what was recorded.
-- Instants are INTEGER microseconds since the Unix epoch (UTC), as in 0001.

CREATE TABLE import_batches (
    id          TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    file_name   TEXT,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    report      TEXT    NOT NULL,   -- import::ImportReport as JSON (written once)
    progress    TEXT,               -- ports::CommitProgress as JSON; NULL until a commit starts
    version     INTEGER NOT NULL    -- bumped by every write (compare-and-set)
) STRICT;

-- The periodic purge looks for expired batches.
CREATE INDEX import_batches_expiry ON import_batches (expires_at);
