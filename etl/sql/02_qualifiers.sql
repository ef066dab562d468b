-- How exact a figure is: exact, more_than (余/多), approx (vocabulary.yml qualifiers). One row per key; sort keeps the file's order.
CREATE TABLE qualifiers (
    qualifier    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
