-- The verdict store (kpi/verdicts.py): one row per spot-check, appended and never changed.
-- Lives in its own SQLite file, apart from kpi.duckdb, which the ETL replaces on every build.
PRAGMA journal_mode = WAL;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta VALUES ('format', 'kpi-verdicts'), ('version', '1');

CREATE TABLE verdicts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    obs_id       TEXT NOT NULL CHECK (length(trim(obs_id)) > 0),
    status       TEXT NOT NULL CHECK (status IN ('verified', 'disputed', 'needs_evidence')),
    note         TEXT NOT NULL DEFAULT '',
    checker      TEXT NOT NULL CHECK (length(trim(checker)) > 0),
    recorded_at  TEXT NOT NULL,  -- UTC, ISO-8601 with microseconds
    value_text   TEXT NOT NULL,  -- the figure as checked, e.g. 2000余亩
    value        REAL,           -- its number as checked (NULL if it has none)
    quote_sha256 TEXT NOT NULL   -- sha256 of the source sentence part as checked
);
CREATE INDEX verdicts_obs ON verdicts (obs_id, id);

CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER meta_no_update BEFORE UPDATE ON meta
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
