-- The problem areas (一、… 七、) of a report's inspection feedback.
CREATE TABLE areas (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    area_no      INTEGER NOT NULL CHECK (area_no > 0),
    title_zh     VARCHAR NOT NULL,
    title_en     VARCHAR NOT NULL,
    theme        VARCHAR NOT NULL REFERENCES themes (theme),
    source_id    VARCHAR NOT NULL,
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0),
    PRIMARY KEY (report_id, area_no),
    FOREIGN KEY (report_id, source_id) REFERENCES sources (report_id, source_id)
);
