-- One row per source document of a report: its own document, then department update files.
-- An update file's id is made from its content (sha256), never from its file name.
CREATE TABLE sources (
    report_id    VARCHAR NOT NULL REFERENCES reports (report_id),
    source_id    VARCHAR NOT NULL,
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
    text         VARCHAR NOT NULL,   -- the full decoded text, so quotes can be shown in context
    PRIMARY KEY (report_id, source_id)
);
