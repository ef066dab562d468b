-- Store schema 1 (SQLite): what users write. Accounts and their department assignments,
-- sign-in sessions, department submissions and their review events, spot-check verdicts, and
-- the audit log. Submissions, their events, verdicts and the audit log are append-only:
-- triggers refuse UPDATE and DELETE. Times are UTC, ISO-8601 text.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta VALUES ('format', 'kpi-store');

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE CHECK (length(trim(username)) > 0),
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'checker', 'submitter', 'admin')),
    department    TEXT,
    email         TEXT UNIQUE,          -- for single sign-on: the provider's e-mail claim
    oidc_subject  TEXT UNIQUE,          -- or its subject claim
    password_hash TEXT,                 -- argon2; NULL: single sign-on only
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL,
    CHECK (role <> 'submitter' OR department IS NOT NULL)
);

-- What a department may report: indicators and ledger items (problem or measure codes) of a report.
CREATE TABLE assignments (
    department TEXT NOT NULL,
    report_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('indicator', 'ledger')),
    item       TEXT NOT NULL,
    PRIMARY KEY (department, report_id, kind, item)
);

CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,      -- the cookie holds the token; only its hash is kept
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ended_at     TEXT                   -- signed out
);

CREATE TABLE submissions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id   TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    department  TEXT NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    rows        INTEGER NOT NULL CHECK (rows > 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX submissions_report ON submissions (report_id, id);

-- The life of a submission: submitted, then accepted or returned (with a note the submitter sees).
CREATE TABLE submission_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    event         TEXT NOT NULL CHECK (event IN ('submitted', 'accepted', 'returned')),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    note          TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
);
CREATE INDEX submission_events_by ON submission_events (submission_id, id);

CREATE TABLE verdicts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    obs_id       TEXT NOT NULL CHECK (length(trim(obs_id)) > 0),
    status       TEXT NOT NULL CHECK (status IN ('verified', 'disputed', 'needs_evidence')),
    note         TEXT NOT NULL DEFAULT '',
    checker      TEXT NOT NULL CHECK (length(trim(checker)) > 0),  -- the signed-in account's name
    account_id   INTEGER REFERENCES accounts (id),                  -- NULL only for verdicts imported from before sign-in
    recorded_at  TEXT NOT NULL,
    value_text   TEXT NOT NULL,  -- the figure as checked, e.g. 2000余亩
    value        REAL,           -- its number as checked (NULL if it has none)
    quote_sha256 TEXT NOT NULL   -- sha256 of the source sentence part as checked
);
CREATE INDEX verdicts_obs ON verdicts (obs_id, id);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,           -- username, e-mail from single sign-on, cli:<user>, or anonymous
    role    TEXT NOT NULL,
    action  TEXT NOT NULL,
    object  TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    sha256  TEXT,                    -- of the file, where a file is involved
    detail  TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER meta_no_update BEFORE UPDATE ON meta BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON submission_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON submission_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'append-only'); END;
