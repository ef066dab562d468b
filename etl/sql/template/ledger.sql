-- Every problem of $report_id followed by its measures, in report order.
SELECT code, title_zh, title_en FROM (
    SELECT problem_code AS code, title_zh, title_en, area_no, seq AS p_seq, 0 AS m_seq
    FROM problems WHERE report_id = $report_id
    UNION ALL
    SELECT m.measure_code, m.summary_zh, m.summary_en, p.area_no, p.seq, m.seq
    FROM measures AS m JOIN problems AS p USING (report_id, problem_code)
    WHERE m.report_id = $report_id
)
ORDER BY area_no, p_seq, m_seq;
