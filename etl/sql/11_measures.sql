-- Every enumerated item (一是, 二是, …) under a problem; code "<area>.<problem>.<n>".
CREATE TABLE measures (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    measure_code VARCHAR NOT NULL,
    problem_code VARCHAR NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    ordinal      VARCHAR NOT NULL,
    title_zh     VARCHAR NOT NULL,
    summary_zh   VARCHAR NOT NULL,
    summary_en   VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'not_stated' REFERENCES statuses (status),
    source_id    VARCHAR NOT NULL,
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0),
    PRIMARY KEY (report_id, measure_code),
    UNIQUE (report_id, problem_code, seq),
    FOREIGN KEY (report_id, problem_code) REFERENCES problems (report_id, problem_code),
    FOREIGN KEY (report_id, source_id) REFERENCES sources (report_id, source_id)
);
