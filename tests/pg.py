"""A throwaway PostgreSQL cluster for the store's tests: Debian's server programs (the newest
/usr/lib/postgresql/<version>/bin), a temporary directory, a free port on 127.0.0.1 (the unix
socket stays in that directory), no durability; stopped and deleted at exit.

    with cluster() as url:             # postgresql+psycopg://kpi:…@127.0.0.1:<port>/kpi
        fresh = create_database(url)   # a new, empty database of the same cluster; its URL
        drop_database(fresh)

Why not pytest-postgresql: it runs initdb and pg_ctl as the current user, and PostgreSQL refuses
to run as root, which is who runs CI here. This starts the server as the unprivileged `postgres`
user (made by Debian's package; made here if missing) when run as root.
"""
from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import sqlalchemy as sa

SERVERS = "/usr/lib/postgresql/*/bin/pg_ctl"
MISSING = f"PostgreSQL's server programs are missing (no {SERVERS}); install them with: sh .ci/sysdeps.sh"
SYSTEM_USER = "postgres"  # who runs the server when we are root
USER, PASSWORD = "kpi", "kpi-test-secret"  # the cluster's superuser; with a password, as a real URL has
# Appended to postgresql.conf: loopback only, and no durability (the cluster lives for one test session).
CONF = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{root}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
"""
_names = itertools.count(1)


class PostgresMissing(RuntimeError):
    """Debian's PostgreSQL server is not installed."""


def bindir() -> Path:
    """The bin/ of the newest PostgreSQL version installed."""
    found = [Path(p).parent for p in glob.glob(SERVERS)]
    if not found:
        raise PostgresMissing(MISSING)
    return max(found, key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)])


def _as_server_user(root: Path) -> dict:
    """subprocess keywords that run a server program unprivileged: as SYSTEM_USER when we are root."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root), "LC_ALL": "C.UTF-8"}
    if os.geteuid() != 0:
        return {"env": env, "cwd": root}
    try:
        user = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
                       check=True)
        user = pwd.getpwnam(SYSTEM_USER)
    for path in (root, *root.iterdir()):
        os.chown(path, user.pw_uid, user.pw_gid)
    return {"env": env, "cwd": root, "user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list, how: dict) -> None:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **how)
    if done.returncode:
        raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


@contextlib.contextmanager
def cluster():
    """Start a new cluster with one database, kpi; yield its URL; stop and delete it all at exit."""
    bin_ = bindir()
    root = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
    data = root / "data"
    try:
        (root / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
        how = _as_server_user(root)
        _run([bin_ / "initdb", "-D", data, "-U", USER, f"--pwfile={root / 'pw'}", "--auth-local=trust",
              "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"], how)
        for attempt in range(3):  # another process may take the free port before the server binds it
            port = _free_port()
            with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.write(CONF.format(port=port, root=root))
            try:
                _run([bin_ / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-t", "60", "start"], how)
                break
            except RuntimeError:
                if attempt == 2:
                    raise RuntimeError((root / "server.log").read_text(encoding="utf-8", errors="replace"))
        url = f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/kpi"
        try:
            with _admin(url) as con:
                con.execute("CREATE DATABASE kpi")
            yield url
        finally:
            _run([bin_ / "pg_ctl", "-D", data, "-m", "immediate", "stop"], how)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _admin(url: str) -> psycopg.Connection:
    """A connection to the cluster's maintenance database, outside transactions (for CREATE DATABASE)."""
    u = sa.engine.make_url(url)
    return psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname="postgres",
                           autocommit=True)


def create_database(url: str) -> str:
    """A new, empty database in url's cluster; its URL."""
    name = f"kpi_{next(_names)}"
    with _admin(url) as con:
        # PostgreSQL 15 copies the template through the WAL by default (0.25 s here); the file copy of
        # older versions takes 0.04 s with fsync off.
        con.execute(f'CREATE DATABASE "{name}"' + (" STRATEGY FILE_COPY" if con.info.server_version >= 150000 else ""))
    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop the database of url, ending whatever connections are still open to it."""
    with _admin(url) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)')
