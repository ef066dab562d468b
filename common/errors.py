"""Errors that cross the line between the write side, the read side and the app."""
from __future__ import annotations


class DatabaseMissing(RuntimeError):
    """The database has not been built yet."""
