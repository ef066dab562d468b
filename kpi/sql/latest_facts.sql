-- The newest observation of every indicator of $report_id, with everything a page shows about it.
SELECT * EXCLUDE (is_latest)
FROM indicator_facts
WHERE report_id = $report_id AND is_latest
ORDER BY area_no NULLS FIRST, problem_code NULLS FIRST, quote_offset;
