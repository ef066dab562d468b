-- A quantity the dashboard tracks; its values are rows of observations.
CREATE TABLE indicators (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    indicator_id VARCHAR NOT NULL,
    problem_code VARCHAR,             -- NULL: report-wide
    name_zh      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    unit         VARCHAR NOT NULL REFERENCES units (unit),
    kind         VARCHAR NOT NULL REFERENCES kinds (kind),
    direction    VARCHAR NOT NULL REFERENCES directions (direction),
    theme        VARCHAR NOT NULL REFERENCES themes (theme),
    PRIMARY KEY (report_id, indicator_id),
    FOREIGN KEY (report_id, problem_code) REFERENCES problems (report_id, problem_code)
);
