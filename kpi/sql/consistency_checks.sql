-- The consistency checks of $report_id: result and zh/en explanation.
SELECT check_id, check_group, stated_value, derived_value, rate, result, explanation_zh, explanation_en
FROM consistency_checks
WHERE report_id = $report_id
ORDER BY check_group, check_id;
