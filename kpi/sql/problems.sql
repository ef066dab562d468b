-- Problems of $report_id, in report order (area, then seq).
SELECT problem_code, area_no, seq, title_zh, title_en, status, source_id, quote, quote_offset
FROM problems
WHERE report_id = $report_id
ORDER BY area_no, seq;
