-- One row per report: its names, its own document, and how far the data reaches (the newest
-- as-of date of any of its sources, department updates included).
CREATE VIEW report_facts AS
SELECT r.*,
       s.title AS source_title, s.title_en AS source_title_en, s.publisher, s.publisher_en,
       s.published, s.as_of AS document_as_of, s.sha256,
       (SELECT max(x.as_of) FROM sources AS x WHERE x.report_id = r.report_id) AS data_as_of,
       (SELECT count(*) FROM sources AS x WHERE x.report_id = r.report_id AND x.kind = 'update') AS updates
FROM reports AS r
JOIN sources AS s ON s.report_id = r.report_id AND s.source_id = r.source_id;
