-- Enumerated measures of $report_id, in report order.
SELECT measure_code, problem_code, seq, ordinal, title_zh, summary_zh, summary_en, status,
       source_id, quote, quote_offset
FROM measures
WHERE report_id = $report_id
ORDER BY problem_code, seq;
