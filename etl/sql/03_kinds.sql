-- What sort of quantity an indicator is (vocabulary.yml kinds). One row per key; sort keeps the file's order.
CREATE TABLE kinds (
    kind    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
