-- Units as written in the sources, with their English (vocabulary.yml units). One row per key; sort keeps the file's order.
CREATE TABLE units (
    unit    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
