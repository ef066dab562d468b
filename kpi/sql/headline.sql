-- The latest value of each headline indicator (report-wide totals).
SELECT indicator_id, name_zh, name_en, value, value_text, unit, unit_en, qualifier, as_of,
       source_title, source_published, quote, quote_offset
FROM indicator_facts
WHERE is_latest AND indicator_id IN ('problems_rectified', 'problems_total',
                                     'measures_completed', 'measures_stated')
ORDER BY indicator_id;
