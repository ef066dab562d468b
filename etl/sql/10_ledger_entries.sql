-- One row per ledger line of a department update: the status and dates of a problem or
-- measure as that file reported them. History is kept; ledger_status picks the newest.
CREATE TABLE ledger_entries (
    entry_id           VARCHAR PRIMARY KEY,
    code               VARCHAR NOT NULL,
    level              VARCHAR NOT NULL CHECK (level IN ('problem', 'measure')),
    status             VARCHAR NOT NULL CHECK (status IN ('completed', 'in_progress', 'ongoing',
                                                           'extension_requested', 'not_stated')),
    responsible_unit   VARCHAR,
    responsible_leader VARCHAR,
    deadline           DATE,
    completed_on       DATE,
    signed_off_on      DATE,
    evidence           VARCHAR,
    note               VARCHAR,
    source_id          VARCHAR NOT NULL REFERENCES sources (source_id),
    location           VARCHAR NOT NULL,
    submitter          VARCHAR,
    quote_offset       INTEGER NOT NULL,
    quote              VARCHAR NOT NULL,
    CHECK (signed_off_on IS NULL OR completed_on IS NULL OR signed_off_on >= completed_on)
);
