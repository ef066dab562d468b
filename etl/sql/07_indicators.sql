-- A quantity the dashboard tracks; its values are rows of observations.
CREATE TABLE indicators (
    indicator_id VARCHAR PRIMARY KEY,
    problem_code VARCHAR REFERENCES problems (problem_code),  -- NULL: report-wide
    name_zh      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    unit         VARCHAR NOT NULL REFERENCES units (unit),
    kind         VARCHAR NOT NULL CHECK (kind IN ('count', 'amount', 'duration', 'change', 'level', 'date')),
    direction    VARCHAR NOT NULL CHECK (direction IN ('up', 'down', 'none')),
    theme        VARCHAR NOT NULL REFERENCES themes (theme)
);
