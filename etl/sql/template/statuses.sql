-- The ledger status words for the dropdown, in vocabulary order.
SELECT status, name_zh, name_en FROM statuses ORDER BY sort;
