-- Ledger statuses of a problem or measure (vocabulary.yml statuses). One row per key; sort keeps the file's order.
CREATE TABLE statuses (
    status    VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL
);
