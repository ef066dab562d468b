-- The report a template is for ($report_id, or the newest report when NULL): its id, the date
-- the template is stamped with (the newest as-of of its data) and its programme start.
SELECT r.report_id, r.data_as_of, f.value_date AS programme_start
FROM report_facts AS r
JOIN indicator_facts AS f ON f.report_id = r.report_id AND f.indicator_id = r.programme_start AND f.is_latest
WHERE r.report_id = coalesce($report_id, (SELECT report_id FROM report_facts
                                          ORDER BY document_as_of DESC, published DESC, report_id LIMIT 1));
