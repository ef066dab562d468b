-- One value of an indicator in one source, with the exact words it came from. obs_id is
-- unique across reports (a verdict names an observation by it alone).
CREATE TABLE observations (
    obs_id         VARCHAR PRIMARY KEY,
    report_id      VARCHAR NOT NULL REFERENCES reports (report_id),
    indicator_id   VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    measure_code   VARCHAR,
    value          DOUBLE,           -- NULL only for kind = 'date'
    value_date     DATE,             -- set only for kind = 'date'
    value_text     VARCHAR NOT NULL, -- the quantity as written (2000余亩)
    qualifier      VARCHAR NOT NULL REFERENCES qualifiers (qualifier),
    unit           VARCHAR NOT NULL REFERENCES units (unit),
    baseline_value DOUBLE,
    baseline_unit  VARCHAR REFERENCES units (unit),
    baseline_text  VARCHAR,
    period         VARCHAR,          -- 2024Q3, or 2024Q3 vs 2024Q2 for a change (common/periods.py)
    as_of          DATE NOT NULL,
    quote          VARCHAR NOT NULL,
    quote_offset   INTEGER NOT NULL CHECK (quote_offset >= 0),
    value_offset   INTEGER NOT NULL CHECK (value_offset >= quote_offset),
    location       VARCHAR,          -- for update files: sheet and row
    submitter      VARCHAR,
    note           VARCHAR,
    CHECK ((value IS NULL) <> (value_date IS NULL)),
    CHECK ((baseline_value IS NULL) = (baseline_unit IS NULL)),
    CHECK (value IS NULL OR isfinite(value)),
    FOREIGN KEY (report_id, indicator_id) REFERENCES indicators (report_id, indicator_id),
    FOREIGN KEY (report_id, source_id) REFERENCES sources (report_id, source_id),
    FOREIGN KEY (report_id, measure_code) REFERENCES measures (report_id, measure_code)
);
