-- Every observation of $report_id (not only the latest), with its area and theme names, in source order.
SELECT f.* EXCLUDE (is_latest), f.is_latest,
       a.title_zh AS area_zh, a.title_en AS area_en,
       th.name_zh AS theme_zh, th.name_en AS theme_en
FROM indicator_facts AS f
LEFT JOIN areas AS a USING (report_id, area_no)
JOIN themes AS th ON th.theme = f.theme
WHERE f.report_id = $report_id
ORDER BY f.source_kind = 'update', f.source_id, f.quote_offset, f.obs_id;
