-- One row per report (a folder of data/catalog/ with its report.yml): the rectification
-- progress report, a final report, a 回头看 review, the next inspection. Every other table
-- carries the report_id its rows belong to.
CREATE TABLE reports (
    report_id       VARCHAR PRIMARY KEY,
    source_id       VARCHAR NOT NULL,  -- the report's own document (sources.kind = 'report')
    title_zh        VARCHAR NOT NULL,
    title_en        VARCHAR NOT NULL,
    zone_zh         VARCHAR NOT NULL,
    zone_en         VARCHAR NOT NULL,
    dashboard_zh    VARCHAR NOT NULL,
    dashboard_en    VARCHAR NOT NULL,
    short_title_zh  VARCHAR NOT NULL,
    short_title_en  VARCHAR NOT NULL,
    programme_start VARCHAR NOT NULL   -- a date indicator: its value is the start
);
