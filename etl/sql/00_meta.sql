-- What this database file is: its schema version (common/errors.py DATABASE_SCHEMA) and when it was built.
CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
