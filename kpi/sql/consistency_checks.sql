SELECT check_id, check_group, stated_value, derived_value, rate, result, explanation_zh, explanation_en
FROM consistency_checks
ORDER BY check_group, check_id;
