"""Debian's nginx in front of running app processes, with the shipped proxy rules.

    with nginx([port1, port2]) as url:        # "http://127.0.0.1:PORT"

The config is rendered from deploy/nginx/: the `map` and `upstream` blocks of kpi.conf (only
the upstream's `server` lines are replaced by the given ports) and kpi-proxy.conf included as
it ships; only the listening address, the paths and the log are the test's own. nginx runs in
the foreground from a temp prefix (pid, logs, temp files inside it), on a free loopback port.
"""
from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.serve import HOST, ROOT, _stop, free_port  # _stop: SIGTERM is nginx's fast shutdown too

NGINX = "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx" / "kpi.conf"
PROXY_RULES = ROOT / "deploy" / "nginx" / "kpi-proxy.conf"
INSTALL = "apt-get install -y --no-install-recommends nginx"
# Each line of the access log: which process answered, for which browser (the sticky key).
LOG_FORMAT = "'$upstream_addr $kpi_route \"$request\" $status'"

MAIN = """\
{user}daemon off;
master_process on;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    log_format kpi_test {log_format};
    access_log {access_log} kpi_test;

{blocks}

    server {{
        listen {host}:{port};
        server_name localhost;
        include {proxy_rules};
    }}
}}
"""


def available() -> bool:
    return os.access(NGINX, os.X_OK)


def top_level_blocks(text: str) -> list[str]:
    """The `name args { … }` blocks at the top of an nginx file, comments removed."""
    text = re.sub(r"#[^\n]*", "", text)
    blocks, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                blocks.append(text[start:i + 1].strip())
                start = i + 1
        elif ch == ";" and depth == 0:
            start = i + 1
    return blocks


def site_blocks(app_ports: list[int]) -> str:
    """kpi.conf's maps and upstream, the upstream pointing at app_ports."""
    servers = "".join(f"\n    server {HOST}:{p};" for p in app_ports)
    out = []
    for block in top_level_blocks(SITE.read_text(encoding="utf-8")):
        if block.startswith("map "):
            out.append(block)
        elif block.startswith("upstream "):
            body = re.sub(r"^\s*server\s[^;]*;\s*$\n?", "", block, flags=re.MULTILINE)
            out.append(body.replace("{", "{" + servers, 1))
    if not any(b.startswith("upstream ") for b in out):
        raise RuntimeError(f"{SITE}: no upstream block found")
    return "\n".join(out)


def _user_directive() -> str:
    """As root the workers drop to an unprivileged user (Debian's www-data, else nobody)."""
    if os.geteuid() != 0:
        return ""
    for user, group in (("www-data", "www-data"), ("nobody", "nogroup")):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(user), grp.getgrnam(group)
            return f"user {user} {group};\n"
    return ""


def render(tmp: Path, port: int, app_ports: list[int], access_log: Path) -> str:
    return MAIN.format(user=_user_directive(), tmp=tmp, host=HOST, port=port, log_format=LOG_FORMAT,
                       access_log=access_log, blocks=site_blocks(app_ports), proxy_rules=PROXY_RULES)


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
        return True
    return False


@contextlib.contextmanager
def nginx(app_ports: list[int], port: int | None = None, access_log: Path | None = None,
          timeout: float = 15.0) -> Iterator[str]:
    """Run nginx in front of the app processes on app_ports; yield its base URL; stop it and
    remove its temp dir on exit. access_log: where to keep the log (LOG_FORMAT), else the temp dir."""
    if not available():
        raise RuntimeError(f"no nginx at {NGINX}: {INSTALL}")
    port = port or free_port()
    tmp = Path(tempfile.mkdtemp(prefix="kpi-nginx-"))
    try:
        tmp.chmod(0o755)  # workers (www-data) create their temp dirs inside
        conf = tmp / "nginx.conf"
        conf.write_text(render(tmp, port, app_ports, access_log or tmp / "access.log"), encoding="utf-8")
        # -e: the error log before the config is read (else /var/log/nginx/error.log).
        proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while not _listening(port):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = (tmp / "error.log").read_text(errors="replace") if (tmp / "error.log").exists() else ""
                    raise RuntimeError(f"nginx on port {port} did not start:\n{log[-4000:]}\nconfig {conf}:\n"
                                       + conf.read_text(encoding="utf-8"))
                time.sleep(0.05)
            yield f"http://{HOST}:{port}"
        finally:
            _stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def enabled_site(http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """kpi.conf as IT staff would enable it: the TLS block uncommented with these certificate
    files, the snippet included from the repository, and loopback ports instead of 80 and 443
    (`nginx -t` binds them)."""
    text = SITE.read_text(encoding="utf-8")
    tls = re.search(r"^# BEGIN TLS\n(.*?)^# END TLS", text, re.DOTALL | re.MULTILINE)
    if not tls:
        raise RuntimeError(f"{SITE}: no '# BEGIN TLS' … '# END TLS' block")
    text = text.replace(tls.group(1), re.sub(r"^# ?", "", tls.group(1), flags=re.MULTILINE))
    text = text.replace("/etc/nginx/snippets/kpi-proxy.conf", str(PROXY_RULES))
    text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
    text = re.sub(r"listen\s+\[::\]:\d+[^;]*;", "", text)
    text = re.sub(r"listen\s+80;", f"listen {HOST}:{http_port};", text)
    return re.sub(r"listen\s+443 ", f"listen {HOST}:{https_port} ", text)


def check_config(http_block: str, tmp: Path) -> subprocess.CompletedProcess:
    """`nginx -t` of an http-context file (as sites-enabled/ would include it), inside tmp."""
    (tmp / "site.conf").write_text(http_block, encoding="utf-8")
    (tmp / "nginx.conf").write_text(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
                                    f"http {{\n    include {tmp}/site.conf;\n}}\n", encoding="utf-8")
    return subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")],
                          check=False, capture_output=True, text=True, timeout=30)
