-- One row per ledger line of a department update: the status and dates of a problem or
-- measure as that file reported them, as of a date. History is kept; ledger_status picks the newest.
CREATE TABLE ledger_entries (
    report_id          VARCHAR NOT NULL REFERENCES reports (report_id),
    entry_id           VARCHAR NOT NULL,
    code               VARCHAR NOT NULL,
    level              VARCHAR NOT NULL CHECK (level IN ('problem', 'measure')),
    status             VARCHAR NOT NULL REFERENCES statuses (status),
    responsible_unit   VARCHAR,
    responsible_leader VARCHAR,
    deadline           DATE,
    completed_on       DATE,
    signed_off_on      DATE,
    as_of              DATE NOT NULL,    -- the date the status is reported as of
    evidence           VARCHAR,
    note               VARCHAR,
    source_id          VARCHAR NOT NULL,
    location           VARCHAR NOT NULL,
    submitter          VARCHAR,
    quote_offset       INTEGER NOT NULL,
    quote              VARCHAR NOT NULL,
    PRIMARY KEY (report_id, entry_id),
    CHECK (signed_off_on IS NULL OR completed_on IS NULL OR signed_off_on >= completed_on),
    FOREIGN KEY (report_id, source_id) REFERENCES sources (report_id, source_id)
);
