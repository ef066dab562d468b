-- Every value of one indicator ($indicator_id) over time, oldest first.
SELECT * EXCLUDE (is_latest)
FROM indicator_facts
WHERE indicator_id = $indicator_id AND value IS NOT NULL
ORDER BY as_of, source_published, quote_offset;
