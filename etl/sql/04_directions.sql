-- Which way is good for an indicator (vocabulary.yml directions). One row per key; sort keeps the file's order.
CREATE TABLE directions (
    direction    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
