-- One row per problem area of a report: how many problems, enumerated measures, indicators
-- and observations it holds.
CREATE VIEW area_progress AS
SELECT
    a.report_id, a.area_no, a.title_zh, a.title_en, a.theme,
    (SELECT count(*) FROM problems AS p WHERE p.report_id = a.report_id AND p.area_no = a.area_no) AS problems,
    (SELECT count(*) FROM measures AS m JOIN problems AS p USING (report_id, problem_code)
      WHERE p.report_id = a.report_id AND p.area_no = a.area_no) AS measures,
    (SELECT count(*) FROM indicators AS i JOIN problems AS p USING (report_id, problem_code)
      WHERE p.report_id = a.report_id AND p.area_no = a.area_no) AS indicators,
    (SELECT count(*) FROM observations AS o JOIN indicators AS i USING (report_id, indicator_id)
      JOIN problems AS p ON p.report_id = i.report_id AND p.problem_code = i.problem_code
      WHERE p.report_id = a.report_id AND p.area_no = a.area_no) AS observations
FROM areas AS a;
