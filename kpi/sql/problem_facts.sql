-- The indicators quoted under each problem of $report_id, each with its latest value, in the
-- order they first appear in the report. (A figure quoted under two problems, like 601
-- delegated items, shows under both.)
WITH members AS (
    SELECT coalesce(m.problem_code, f.problem_code) AS under, f.indicator_id,
           min(f.quote_offset) FILTER (WHERE f.source_kind = 'report') AS first_offset
    FROM indicator_facts AS f
    LEFT JOIN measures AS m USING (report_id, measure_code)
    WHERE f.report_id = $report_id
    GROUP BY ALL
)
SELECT members.under, f.* EXCLUDE (is_latest)
FROM indicator_facts AS f
JOIN members USING (indicator_id)
WHERE f.report_id = $report_id AND f.is_latest AND members.under IS NOT NULL
ORDER BY members.under, members.first_offset NULLS LAST, f.indicator_id;
