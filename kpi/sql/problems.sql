-- Problems of one area ($area_no), in report order.
SELECT problem_code, area_no, seq, title_zh, title_en, status, source_id, quote, quote_offset
FROM problems
WHERE area_no = $area_no
ORDER BY seq;
