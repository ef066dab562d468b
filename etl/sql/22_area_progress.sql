-- One row per problem area: how many problems, enumerated measures, indicators and
-- observations it holds (the report gives no per-area completion).
CREATE VIEW area_progress AS
SELECT
    a.area_no, a.title_zh, a.title_en, a.theme,
    (SELECT count(*) FROM problems AS p WHERE p.area_no = a.area_no) AS problems,
    (SELECT count(*) FROM measures AS m JOIN problems AS p USING (problem_code)
      WHERE p.area_no = a.area_no) AS measures,
    (SELECT count(*) FROM indicators AS i JOIN problems AS p USING (problem_code)
      WHERE p.area_no = a.area_no) AS indicators,
    (SELECT count(*) FROM observations AS o JOIN indicators AS i USING (indicator_id)
      JOIN problems AS p ON p.problem_code = i.problem_code WHERE p.area_no = a.area_no) AS observations
FROM areas AS a;
