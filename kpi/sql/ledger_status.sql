-- Every problem and measure with its newest reported status (ledger_status view).
SELECT * FROM ledger_status;
