-- What $report_id states about itself: subject, role (count, done, total), indicator.
SELECT subject, role, indicator_id FROM report_claims WHERE report_id = $report_id ORDER BY subject, role;
