-- A report's problems; code is "<area>.<n>", unique within the report. A report may state no
-- per-problem status: then status is not_stated (the ledger may say more).
CREATE TABLE problems (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    problem_code VARCHAR NOT NULL,
    area_no      INTEGER NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    title_zh     VARCHAR NOT NULL,
    title_en     VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'not_stated' REFERENCES statuses (status),
    source_id    VARCHAR NOT NULL,
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0),
    PRIMARY KEY (report_id, problem_code),
    UNIQUE (report_id, area_no, seq),
    FOREIGN KEY (report_id, area_no) REFERENCES areas (report_id, area_no),
    FOREIGN KEY (report_id, source_id) REFERENCES sources (report_id, source_id)
);
