-- The indicators quoted under one problem ($problem_code), each with its latest value,
-- in the order they first appear in the report. (A figure quoted under two problems,
-- like 601 delegated items, shows under both.)
WITH members AS (
    SELECT f.indicator_id, min(f.quote_offset) AS first_offset
    FROM indicator_facts AS f
    LEFT JOIN measures AS m USING (measure_code)
    WHERE coalesce(m.problem_code, f.problem_code) = $problem_code
    GROUP BY f.indicator_id
)
SELECT f.* EXCLUDE (is_latest)
FROM indicator_facts AS f
JOIN members USING (indicator_id)
WHERE f.is_latest
ORDER BY members.first_offset, f.indicator_id;
