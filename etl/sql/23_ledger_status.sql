-- One row per problem and measure of a report: its newest ledger entry (by the date it is
-- reported as of), or 'not_stated'. Warning lights depend on today and are computed on read.
CREATE VIEW ledger_status AS
WITH items AS (
    SELECT report_id, problem_code AS code, 'problem' AS level, area_no, problem_code, title_zh, title_en,
           quote_offset
    FROM problems
    UNION ALL
    SELECT m.report_id, m.measure_code, 'measure', p.area_no, m.problem_code, m.summary_zh, m.summary_en,
           m.quote_offset
    FROM measures AS m JOIN problems AS p USING (report_id, problem_code)
),
newest AS (
    SELECT e.*,
           row_number() OVER (PARTITION BY e.report_id, e.code
                              ORDER BY e.as_of DESC, e.source_id DESC, e.quote_offset DESC) AS rn
    FROM ledger_entries AS e
)
SELECT i.report_id, i.code, i.level, i.area_no, i.problem_code, i.title_zh, i.title_en,
       coalesce(n.status, 'not_stated') AS status,
       n.responsible_unit, n.responsible_leader, n.deadline, n.completed_on, n.signed_off_on,
       n.evidence, n.note, n.source_id, n.location, n.submitter, n.as_of AS reported_on
FROM items AS i
LEFT JOIN newest AS n ON n.report_id = i.report_id AND n.code = i.code AND n.rn = 1
ORDER BY i.report_id, i.area_no, i.quote_offset;
