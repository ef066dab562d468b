-- The dashboard layout (dashboard.yml as JSON) of $report_id.
SELECT spec FROM dashboards WHERE report_id = $report_id;
