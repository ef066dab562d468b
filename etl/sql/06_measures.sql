-- Every enumerated item (一是, 二是, …) under a problem: 61, although the report states 60.
CREATE TABLE measures (
    measure_code VARCHAR PRIMARY KEY,
    problem_code VARCHAR NOT NULL REFERENCES problems (problem_code),
    seq          INTEGER NOT NULL CHECK (seq > 0),
    ordinal      VARCHAR NOT NULL,
    title_zh     VARCHAR NOT NULL,
    summary_zh   VARCHAR NOT NULL,
    summary_en   VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'not_stated',
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0),
    UNIQUE (problem_code, seq)
);
