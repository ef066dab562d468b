-- What a report states about itself (report.yml counts and completion), by indicator:
-- (problems, count, problems_total), (problems, done, problems_rectified), (problems, total, …).
CREATE TABLE report_claims (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    subject      VARCHAR NOT NULL CHECK (subject IN ('areas', 'problems', 'measures')),
    role         VARCHAR NOT NULL CHECK (role IN ('count', 'done', 'total')),
    indicator_id VARCHAR NOT NULL,
    PRIMARY KEY (report_id, subject, role),
    FOREIGN KEY (report_id, indicator_id) REFERENCES indicators (report_id, indicator_id)
);
