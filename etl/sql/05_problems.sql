-- The 20 problems; code is "<area>.<n>". The report states no per-problem status.
CREATE TABLE problems (
    problem_code VARCHAR PRIMARY KEY,
    area_no      INTEGER NOT NULL REFERENCES areas (area_no),
    seq          INTEGER NOT NULL CHECK (seq > 0),
    title_zh     VARCHAR NOT NULL,
    title_en     VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'not_stated',
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0),
    UNIQUE (area_no, seq)
);
