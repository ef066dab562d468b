"""Errors that cross the line between the write side, the read side and the app."""
from __future__ import annotations


class DatabaseMissing(RuntimeError):
    """The database has not been built yet."""


class DatabaseUnreadable(RuntimeError):
    """The database file is there but cannot be read (and no earlier build can stand in)."""


# The database's schema: the write side stamps it into each build (meta.schema_version), the
# read side refuses a file of another version. Raise it whenever etl/sql changes a table or view.
DATABASE_SCHEMA = 3
