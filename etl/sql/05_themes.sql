-- Themes that group areas and indicators (vocabulary.yml themes). One row per key; sort keeps the file's order.
CREATE TABLE themes (
    theme    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
