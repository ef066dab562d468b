-- Every problem and measure of $report_id with its newest reported status (ledger_status view).
SELECT * FROM ledger_status WHERE report_id = $report_id;
