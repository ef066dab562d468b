"""What a page says when something outside it fails: the store refusing a write, the disk
full, an unexpected error. Always in the page's language, never a bare exception name; the
details go to the server log under a short reference the user can quote."""
from __future__ import annotations

import errno
import logging
import shutil
import uuid

import duckdb

import store
from common import settings
from kpi.text import t

log = logging.getLogger(__name__)


def store_reason(exc: store.StoreUnavailable) -> str:
    """full, readonly, down or other: why the store refuses writes."""
    text = str(exc).lower()
    if "full" in text or "no space" in text or ("disk i/o" in text and _store_disk_full()):
        return "full"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "connect" in text or "refused" in text or "terminat" in text:
        return "down"
    return "other"


def _store_disk_full() -> bool:
    """SQLite says only "disk I/O error" when it cannot grow its -shm file: look at the disk."""
    path = store.db.sqlite_path(settings.store_url())
    try:
        return path is not None and shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


def store_message(exc: store.StoreUnavailable, lang: str, what: str) -> str:
    """'Busy, try again' or 'cannot write (why)', saying the input is kept; what: a store.what.* key."""
    thing = t(f"store.what.{what}", lang)
    if isinstance(exc, store.StoreBusy):
        return t("store.busy", lang, what=thing)
    return t("store.unwritable", lang, what=thing, why=t(f"store.why.{store_reason(exc)}", lang))


def disk_full(exc: BaseException) -> bool:
    """Is exc (or what caused it) the disk being full?"""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        if isinstance(exc, duckdb.Error) and "no space left" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def reference(exc: BaseException, what: str) -> str:
    """Log exc with its traceback under a short reference, and return the reference."""
    ref = uuid.uuid4().hex[:8]
    log.error("%s failed [ref %s]", what, ref, exc_info=exc)
    return ref


def page_error(exc: BaseException, lang: str, what: str) -> str:
    """The message for an error no page expected: disk full said as such, else a reference."""
    if disk_full(exc):
        log.error("%s failed: disk full", what, exc_info=exc)
        return t("error.disk_full", lang)
    return t("error.page", lang, ref=reference(exc, what))
