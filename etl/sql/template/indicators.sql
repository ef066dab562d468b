-- One row per indicator a department may update (every non-date indicator of $report_id),
-- with its latest value and as-of date, in report order.
SELECT indicator_id, name_zh, name_en, unit, value, as_of
FROM indicator_facts
WHERE report_id = $report_id AND is_latest AND kind <> 'date'
ORDER BY area_no NULLS FIRST, problem_code NULLS FIRST, quote_offset, indicator_id;
