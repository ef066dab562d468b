-- Units as written in the sources, with their English rendering.
CREATE TABLE units (
    unit    VARCHAR PRIMARY KEY,
    name_en VARCHAR NOT NULL
);
