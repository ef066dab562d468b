-- One value of an indicator in one source, with the exact words it came from.
CREATE TABLE observations (
    obs_id         VARCHAR PRIMARY KEY,
    indicator_id   VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),
    measure_code   VARCHAR REFERENCES measures (measure_code),
    value          DOUBLE,           -- NULL only for kind = 'date'
    value_date     DATE,             -- set only for kind = 'date'
    value_text     VARCHAR NOT NULL, -- the quantity as written (2000余亩)
    qualifier      VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'more_than', 'approx')),
    unit           VARCHAR NOT NULL REFERENCES units (unit),
    baseline_value DOUBLE,
    baseline_unit  VARCHAR REFERENCES units (unit),
    baseline_text  VARCHAR,
    period         VARCHAR,
    as_of          DATE NOT NULL,
    quote          VARCHAR NOT NULL,
    quote_offset   INTEGER NOT NULL CHECK (quote_offset >= 0),
    value_offset   INTEGER NOT NULL CHECK (value_offset >= quote_offset),
    location       VARCHAR,          -- for update files: sheet and row
    submitter      VARCHAR,
    note           VARCHAR,
    CHECK ((value IS NULL) <> (value_date IS NULL)),
    CHECK ((baseline_value IS NULL) = (baseline_unit IS NULL))
);
