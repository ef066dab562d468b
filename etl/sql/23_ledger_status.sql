-- One row per problem and measure: its newest ledger entry, or 'not_stated' (the report
-- gives no per-problem status). Warning lights depend on today and are computed on read.
CREATE VIEW ledger_status AS
WITH items AS (
    SELECT problem_code AS code, 'problem' AS level, area_no, problem_code, title_zh, title_en, quote_offset
    FROM problems
    UNION ALL
    SELECT m.measure_code, 'measure', p.area_no, m.problem_code, m.summary_zh, m.summary_en, m.quote_offset
    FROM measures AS m JOIN problems AS p USING (problem_code)
),
newest AS (
    SELECT e.*, s.published,
           row_number() OVER (PARTITION BY e.code ORDER BY s.published DESC, e.source_id DESC, e.quote_offset DESC) AS rn
    FROM ledger_entries AS e JOIN sources AS s USING (source_id)
)
SELECT i.code, i.level, i.area_no, i.problem_code, i.title_zh, i.title_en,
       coalesce(n.status, 'not_stated') AS status,
       n.responsible_unit, n.responsible_leader, n.deadline, n.completed_on, n.signed_off_on,
       n.evidence, n.note, n.source_id, n.location, n.submitter, n.published AS reported_on
FROM items AS i
LEFT JOIN newest AS n ON n.code = i.code AND n.rn = 1
ORDER BY i.area_no, i.quote_offset;
