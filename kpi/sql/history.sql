-- Every value of every indicator of $report_id over time, oldest first (history views, popovers).
SELECT * EXCLUDE (is_latest), is_latest
FROM indicator_facts
WHERE report_id = $report_id AND (value IS NOT NULL OR value_date IS NOT NULL)
ORDER BY indicator_id, as_of, source_published, quote_offset, obs_id;
