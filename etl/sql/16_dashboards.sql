-- A report's dashboard.yml as JSON: which pages, sections, blocks and charts it shows.
CREATE TABLE dashboards (
    report_id VARCHAR PRIMARY KEY REFERENCES reports (report_id),
    spec      VARCHAR NOT NULL
);
