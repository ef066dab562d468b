-- The source documents of $report_id with their text (for quotes in context), newest first.
SELECT source_id, kind, title, title_en, publisher, publisher_en, published, as_of, sha256, bytes, text
FROM sources
WHERE report_id = $report_id
ORDER BY published DESC, source_id;
