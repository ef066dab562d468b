-- One row per consistency check: what the report states against what it enumerates,
-- completion rates, figures repeated in one source, and quotes against their source.
-- result: pass | fails | note (a note is information the reader should see).
CREATE VIEW consistency_checks AS
WITH stated AS (  -- the newest value of each stated total (a later update may change it)
    SELECT indicator_id, value FROM indicator_facts WHERE is_latest
),
counts AS (
    SELECT 'areas' AS subject, 'areas_total' AS stated_id, (SELECT count(*) FROM areas) AS derived,
           '个问题领域' AS zh, 'problem areas' AS en
    UNION ALL SELECT 'problems', 'problems_total', (SELECT count(*) FROM problems), '个问题', 'problems'
    UNION ALL SELECT 'measures', 'measures_stated', (SELECT count(*) FROM measures),
           '条整改措施', 'measures'
),
rates AS (
    SELECT 'problems_rectified' AS subject, 'problems_rectified' AS done_id, 'problems_total' AS total_id,
           '已完成整改的问题' AS zh, 'problems rectified' AS en
    UNION ALL SELECT 'measures_completed', 'measures_completed', 'measures_stated',
           '已完成的整改措施', 'measures completed'
),
repeats AS (
    SELECT indicator_id, source_id, count(*) AS mentions, min(value) AS lo, max(value) AS hi
    FROM observations WHERE value IS NOT NULL
    GROUP BY indicator_id, source_id, as_of HAVING count(*) > 1
)
SELECT 'stated_vs_enumerated:' || c.subject AS check_id, 'stated_vs_enumerated' AS check_group,
       st.value AS stated_value, c.derived::DOUBLE AS derived_value, NULL::DOUBLE AS rate,
       CASE WHEN st.value = c.derived THEN 'pass' ELSE 'fails' END AS result,
       format('报告称{}{}，原文逐项列出{}{}。', st.value::BIGINT, c.zh, c.derived, c.zh)
           || CASE WHEN st.value = c.derived THEN '两者一致。' ELSE '两者不一致，以原文为准，均予保留。' END AS explanation_zh,
       format('The report states {} {}; its text enumerates {}. ', st.value::BIGINT, c.en, c.derived)
           || CASE WHEN st.value = c.derived THEN 'They agree.' ELSE 'They differ; both are kept as written.' END AS explanation_en
FROM counts AS c LEFT JOIN stated AS st ON st.indicator_id = c.stated_id
UNION ALL
SELECT 'completion_rate:' || r.subject, 'completion_rate', t.value, d.value, round(100 * d.value / t.value, 1),
       CASE WHEN d.value <= t.value THEN 'note' ELSE 'fails' END,
       format('{}：{}/{}（{}%）。报告未说明具体是哪几项尚未完成。', r.zh, d.value::BIGINT, t.value::BIGINT,
              round(100 * d.value / t.value, 1)),
       format('{}: {}/{} ({}%). The report does not say which are unfinished.', r.en, d.value::BIGINT,
              t.value::BIGINT, round(100 * d.value / t.value, 1))
FROM rates AS r
LEFT JOIN stated AS d ON d.indicator_id = r.done_id
LEFT JOIN stated AS t ON t.indicator_id = r.total_id
UNION ALL
SELECT 'repeated_figure:' || indicator_id || '@' || source_id, 'repeated_figure', lo, hi, NULL,
       CASE WHEN lo = hi THEN 'pass' ELSE 'fails' END,
       format('“{}”在同一来源中出现{}次，数值{}。', i.name_zh, mentions,
              CASE WHEN lo = hi THEN format('一致（{:g}）', lo) ELSE '不一致' END),
       format('"{}" is mentioned {} times in one source; the values {}.', i.name_en, mentions,
              CASE WHEN lo = hi THEN format('agree ({:g})', lo) ELSE 'differ' END)
FROM repeats JOIN indicators AS i USING (indicator_id)
UNION ALL
SELECT 'quotes_match_source', 'provenance', count(*)::DOUBLE,
       count(*) FILTER (WHERE substring(s.text, o.quote_offset + 1, length(o.quote)) = o.quote)::DOUBLE, NULL,
       CASE WHEN count(*) FILTER (WHERE substring(s.text, o.quote_offset + 1, length(o.quote)) <> o.quote) = 0
            THEN 'pass' ELSE 'fails' END,
       format('{} 条观测值的原文引文中，{} 条与来源文本逐字一致。', count(*),
              count(*) FILTER (WHERE substring(s.text, o.quote_offset + 1, length(o.quote)) = o.quote)),
       format('{} of {} observation quotes match their source word for word.',
              count(*) FILTER (WHERE substring(s.text, o.quote_offset + 1, length(o.quote)) = o.quote), count(*))
FROM observations AS o JOIN sources AS s USING (source_id);
