-- Per area of $report_id: problems, enumerated measures, indicators, observations.
SELECT area_no, title_zh, title_en, theme, problems, measures, indicators, observations
FROM area_progress
WHERE report_id = $report_id
ORDER BY area_no;
