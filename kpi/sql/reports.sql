-- Every report with its names, its own document and how far its data reaches, newest first
-- (by the date its document is as of, then published).
SELECT * FROM report_facts
ORDER BY document_as_of DESC, published DESC, report_id;
