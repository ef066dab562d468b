-- One row per raw source document (the report, later department update files).
CREATE TABLE sources (
    source_id    VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL CHECK (kind IN ('report', 'update')),
    title        VARCHAR NOT NULL,
    title_en     VARCHAR,
    publisher    VARCHAR NOT NULL,
    publisher_en VARCHAR,
    published    DATE NOT NULL,
    as_of        DATE NOT NULL,
    language     VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    bytes        BIGINT NOT NULL CHECK (bytes > 0),
    sha256       VARCHAR NOT NULL CHECK (length(sha256) = 64),
    url          VARCHAR,
    text         VARCHAR NOT NULL   -- the full decoded text, so quotes can be shown in context
);
