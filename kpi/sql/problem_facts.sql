-- Every observation quoted under one problem ($problem_code), by where it stands in the text.
SELECT f.* EXCLUDE (is_latest)
FROM indicator_facts AS f
LEFT JOIN measures AS m USING (measure_code)
WHERE coalesce(m.problem_code, f.problem_code) = $problem_code
ORDER BY f.quote_offset;
