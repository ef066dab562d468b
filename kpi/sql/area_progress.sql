SELECT area_no, title_zh, title_en, theme, problems, measures, indicators, observations
FROM area_progress
ORDER BY area_no;
