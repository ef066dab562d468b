-- The 7 problem areas (一、… 七、) of the inspection feedback.
CREATE TABLE areas (
    area_no      INTEGER PRIMARY KEY CHECK (area_no > 0),
    title_zh     VARCHAR NOT NULL,
    title_en     VARCHAR NOT NULL,
    theme        VARCHAR NOT NULL REFERENCES themes (theme),
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    quote        VARCHAR NOT NULL,
    quote_offset INTEGER NOT NULL CHECK (quote_offset >= 0)
);
