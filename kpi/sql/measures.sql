-- Enumerated measures of one problem ($problem_code), in report order.
SELECT measure_code, problem_code, seq, ordinal, title_zh, summary_zh, summary_en, status,
       source_id, quote, quote_offset
FROM measures
WHERE problem_code = $problem_code
ORDER BY seq;
