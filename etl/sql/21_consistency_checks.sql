-- One row per consistency check of a report: what it states against what it enumerates,
-- completion rates, figures repeated in one source, and quotes against their source. Which
-- indicators carry the stated figures is the catalog's (report.yml -> report_claims).
-- result: pass | fails | note (a note is information the reader should see).
CREATE VIEW consistency_checks AS
WITH stated AS (  -- the newest value of each indicator (a later update may change it)
    SELECT report_id, indicator_id, value, as_of FROM indicator_facts WHERE is_latest
),
words (subject, zh, en, done_zh, done_en) AS (VALUES
    ('areas', '个问题领域', 'problem areas', NULL, NULL),
    ('problems', '个问题', 'problems', '已完成整改的问题', 'problems rectified'),
    ('measures', '条整改措施', 'measures', '已完成的整改措施', 'measures completed')
),
enumerated AS (
    SELECT r.report_id, w.subject, w.zh, w.en, w.done_zh, w.done_en,
           CASE w.subject
               WHEN 'areas' THEN (SELECT count(*) FROM areas AS a WHERE a.report_id = r.report_id)
               WHEN 'problems' THEN (SELECT count(*) FROM problems AS p WHERE p.report_id = r.report_id)
               ELSE (SELECT count(*) FROM measures AS m WHERE m.report_id = r.report_id)
           END AS derived
    FROM reports AS r CROSS JOIN words AS w
),
repeats AS (
    SELECT report_id, indicator_id, source_id, count(*) AS mentions, min(value) AS lo, max(value) AS hi
    FROM observations WHERE value IS NOT NULL
    GROUP BY report_id, indicator_id, source_id, as_of HAVING count(*) > 1
),
ledger_at AS (  -- each item's newest ledger entry as of the date of the report's "done" figure
    SELECT c.report_id, c.subject, d.value AS stated, d.as_of AS stated_as_of, e.code, e.status,
           row_number() OVER (PARTITION BY c.report_id, c.subject, e.code
                              ORDER BY e.as_of DESC, e.source_id DESC, e.quote_offset DESC) AS rn
    FROM report_claims AS c
    JOIN stated AS d USING (report_id, indicator_id)
    JOIN ledger_entries AS e ON e.report_id = c.report_id AND e.as_of <= d.as_of
         AND e.level = CASE c.subject WHEN 'problems' THEN 'problem' ELSE 'measure' END
    WHERE c.role = 'done'
),
ledger_done AS (
    SELECT c.report_id, c.subject, d.value AS stated, d.as_of AS stated_as_of,
           count(l.code) AS reported, count(l.code) FILTER (WHERE l.status = 'completed') AS done
    FROM report_claims AS c
    JOIN stated AS d USING (report_id, indicator_id)
    LEFT JOIN ledger_at AS l ON l.report_id = c.report_id AND l.subject = c.subject AND l.rn = 1
    WHERE c.role = 'done'
    GROUP BY ALL
),
quotes AS (
    SELECT o.report_id, count(*) AS n,
           count(*) FILTER (WHERE substring(s.text, o.quote_offset + 1, length(o.quote)) = o.quote) AS ok
    FROM observations AS o JOIN sources AS s USING (report_id, source_id)
    GROUP BY o.report_id
)
SELECT c.report_id, 'stated_vs_enumerated:' || e.subject AS check_id, 'stated_vs_enumerated' AS check_group,
       st.value AS stated_value, e.derived::DOUBLE AS derived_value, NULL::DOUBLE AS rate,
       CASE WHEN st.value = e.derived THEN 'pass' ELSE 'fails' END AS result,
       format('报告称{}{}，原文逐项列出{}{}。', st.value::BIGINT, e.zh, e.derived, e.zh)
           || CASE WHEN st.value = e.derived THEN '两者一致。' ELSE '两者不一致，以原文为准，均予保留。' END AS explanation_zh,
       format('The report states {} {}; its text enumerates {}. ', st.value::BIGINT, e.en, e.derived)
           || CASE WHEN st.value = e.derived THEN 'They agree.' ELSE 'They differ; both are kept as written.' END AS explanation_en
FROM report_claims AS c
JOIN enumerated AS e USING (report_id, subject)
LEFT JOIN stated AS st USING (report_id, indicator_id)
WHERE c.role = 'count'
UNION ALL
SELECT d.report_id, 'completion_rate:' || d.indicator_id, 'completion_rate', t.value, dv.value,
       round(100 * dv.value / t.value, 1),
       CASE WHEN dv.value <= t.value THEN 'note' ELSE 'fails' END,
       format('{}：{}/{}（{}%，截至 {}）。报告未说明具体是哪几项尚未完成。', e.done_zh, dv.value::BIGINT,
              t.value::BIGINT, round(100 * dv.value / t.value, 1), strftime(dv.as_of, '%Y-%m-%d')),
       format('{}: {}/{} ({}%, as of {}). The report does not say which are unfinished.', e.done_en,
              dv.value::BIGINT, t.value::BIGINT, round(100 * dv.value / t.value, 1), strftime(dv.as_of, '%Y-%m-%d'))
FROM report_claims AS d
JOIN report_claims AS tc ON tc.report_id = d.report_id AND tc.subject = d.subject AND tc.role = 'total'
JOIN enumerated AS e ON e.report_id = d.report_id AND e.subject = d.subject
LEFT JOIN stated AS dv ON dv.report_id = d.report_id AND dv.indicator_id = d.indicator_id
LEFT JOIN stated AS t ON t.report_id = tc.report_id AND t.indicator_id = tc.indicator_id
WHERE d.role = 'done'
UNION ALL
SELECT r.report_id, 'repeated_figure:' || r.indicator_id || '@' || r.source_id, 'repeated_figure', r.lo, r.hi, NULL,
       CASE WHEN r.lo = r.hi THEN 'pass' ELSE 'fails' END,
       format('“{}”在同一来源中出现{}次，数值{}。', i.name_zh, r.mentions,
              CASE WHEN r.lo = r.hi THEN format('一致（{:g}）', r.lo) ELSE '不一致' END),
       format('"{}" is mentioned {} times in one source; the values {}.', i.name_en, r.mentions,
              CASE WHEN r.lo = r.hi THEN format('agree ({:g})', r.lo) ELSE 'differ' END)
FROM repeats AS r JOIN indicators AS i USING (report_id, indicator_id)
UNION ALL
SELECT report_id, 'quotes_match_source', 'provenance', n::DOUBLE, ok::DOUBLE, NULL,
       CASE WHEN ok = n THEN 'pass' ELSE 'fails' END,
       format('{} 条观测值的原文引文中，{} 条与来源文本逐字一致。', n, ok),
       format('{} of {} observation quotes match their source word for word.', ok, n)
FROM quotes
UNION ALL
SELECT l.report_id, 'ledger_vs_stated:' || l.subject, 'ledger_vs_stated', l.stated, l.done::DOUBLE, NULL,
       CASE WHEN l.reported = 0 THEN 'note' WHEN l.done = l.stated THEN 'pass' ELSE 'fails' END,
       CASE WHEN l.reported = 0
            THEN format('台账尚未报送逐项状态：无法与报告所称截至 {} 的{}（{}）核对。', strftime(l.stated_as_of, '%Y-%m-%d'),
                        e.done_zh, l.stated::BIGINT)
            ELSE format('报告称截至 {} 的{}为 {}；台账中截至同日状态为“已完成”的有 {}（已报送 {} 项）。{}',
                        strftime(l.stated_as_of, '%Y-%m-%d'), e.done_zh, l.stated::BIGINT, l.done, l.reported,
                        CASE WHEN l.done = l.stated THEN '两者一致。' ELSE '两者不一致。' END) END,
       CASE WHEN l.reported = 0
            THEN format('The ledger reports no item status yet: nothing to compare with the {} ({}) the report states as of {}.',
                        e.done_en, l.stated::BIGINT, strftime(l.stated_as_of, '%Y-%m-%d'))
            ELSE format('The report states {} {} as of {}; the ledger has {} completed by that date ({} reported). {}',
                        l.stated::BIGINT, e.done_en, strftime(l.stated_as_of, '%Y-%m-%d'), l.done, l.reported,
                        CASE WHEN l.done = l.stated THEN 'They agree.' ELSE 'They differ.' END) END
FROM ledger_done AS l
JOIN enumerated AS e ON e.report_id = l.report_id AND e.subject = l.subject;
