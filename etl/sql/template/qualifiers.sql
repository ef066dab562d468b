-- The qualifier words for the dropdown, in vocabulary order.
SELECT qualifier, name_zh, name_en FROM qualifiers ORDER BY sort;
