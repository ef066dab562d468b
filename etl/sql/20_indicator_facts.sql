-- PUBLIC VIEW, one row per observation: the figure, its unit and qualifier, where it
-- belongs, and the exact words it came from. Pages and analysts query this; columns
-- are only ever added, never renamed or removed (see README "indicator_facts").
CREATE VIEW indicator_facts AS
SELECT
    o.obs_id,
    o.indicator_id,
    p.area_no,
    i.problem_code,
    o.measure_code,
    i.theme,
    i.kind,
    i.name_zh,
    i.name_en,
    o.value,
    o.value_date,
    o.value_text,
    o.unit,
    u.name_en AS unit_en,
    o.qualifier,
    o.baseline_value,
    o.baseline_unit,
    bu.name_en AS baseline_unit_en,
    o.baseline_text,
    o.period,
    o.as_of,
    i.direction,
    o.source_id,
    s.title AS source_title,
    s.publisher AS source_publisher,
    s.published AS source_published,
    s.sha256 AS source_sha256,
    o.quote,
    o.quote_offset,
    o.value_offset,
    o.location,
    o.note,
    row_number() OVER (
        PARTITION BY o.report_id, o.indicator_id
        ORDER BY o.as_of DESC, s.published DESC, s.kind = 'report', o.quote_offset, o.obs_id
    ) = 1 AS is_latest,
    o.report_id,
    s.kind AS source_kind,
    s.title_en AS source_title_en,
    s.publisher_en AS source_publisher_en,
    o.submitter
FROM observations AS o
JOIN indicators AS i USING (report_id, indicator_id)
JOIN sources AS s USING (report_id, source_id)
JOIN units AS u ON u.unit = o.unit
LEFT JOIN units AS bu ON bu.unit = o.baseline_unit
LEFT JOIN problems AS p ON p.report_id = i.report_id AND p.problem_code = i.problem_code;
