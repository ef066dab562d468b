-- One row per successful build that produced this file or its predecessors
-- (carried forward from the previous database). Failed builds never touch the
-- database; they are logged in data/logs/builds.jsonl.
CREATE TABLE load_log (
    loaded_at        TIMESTAMP NOT NULL,
    source_checksums VARCHAR NOT NULL,  -- JSON: {source_id: sha256}
    row_counts       VARCHAR NOT NULL,  -- JSON: {table: rows}
    outcome          VARCHAR NOT NULL CHECK (outcome IN ('ok', 'failed'))
);
