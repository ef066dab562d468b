"""The shipped nginx site (deploy/nginx/) in front of two app processes and one database.

nginx runs the shipped maps, upstream and proxy rules (tests/nginx.py renders them); its
access log says which process answered which browser (`<upstream> <sticky key> "<request>"`).
"""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import loadtest
from tests.nginx import available, check_config, enabled_site, nginx
from tests.serve import ROOT, free_port, serve



@pytest.fixture(autouse=True, scope="module")
def debian_nginx():
    """make test installs nginx (and openssl) first (.ci/sysdeps.sh): missing, the tests fail, never skip."""
    assert available(), "no nginx: run sh .ci/sysdeps.sh (apt-get install -y --no-install-recommends nginx)"
    assert shutil.which("openssl"), "no openssl: run sh .ci/sysdeps.sh"


@dataclass
class Site:
    url: str
    apps: list[str]   # "127.0.0.1:PORT" of each app process, as nginx logs them
    log: Path

    def settle(self) -> None:
        time.sleep(0.3)  # nginx writes a request's line once the response is out

    def upstreams(self, key: str, request: str = "") -> set[str]:
        """The processes that answered the browser with this sticky key (requests containing `request`)."""
        lines = [line.split(" ", 2) for line in self.log.read_text().splitlines()]
        return {up for up, k, rest in lines if k == key and request in rest}


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx-site")
    env = {"KPI_UPDATES_DIR": str(tmp / "updates"), "KPI_STORE": str(tmp / "store.sqlite"),
           "KPI_BUILD_LOG": str(tmp / "builds.jsonl")}
    with serve(built_db, env=env) as a, serve(built_db, env=env) as b:
        apps = [urlsplit(u).netloc for u in (a, b)]
        with nginx([urlsplit(u).port for u in (a, b)], access_log=tmp / "access.log") as url:
            yield Site(url, apps, tmp / "access.log")


def get(url: str, cookie: str = "") -> tuple[int, bytes, dict]:
    """Status, body and the cookies set, of one GET (as a browser with this sticky cookie)."""
    req = urllib.request.Request(url, headers={"Cookie": f"kpi_route={cookie}"} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        jar = SimpleCookie()
        for header in r.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return r.status, r.read(), {k: m for k, m in jar.items()}


def test_health_and_the_page_load_through_nginx(site):
    assert get(site.url + "/_stcore/health")[:2] == (200, b"ok")
    status, body, _ = get(site.url + "/")
    assert status == 200 and b'<div id="root">' in body


def test_a_new_browser_gets_a_sticky_cookie_and_a_known_one_none(site):
    cookie = get(site.url + "/")[2]["kpi_route"]
    assert len(cookie.value) == 32 and cookie["path"] == "/" and cookie["httponly"]
    assert "kpi_route" not in get(site.url + "/", cookie.value)[2]


def test_one_browser_stays_on_one_process_and_browsers_spread_over_both(site):
    keys = [get(site.url + "/_stcore/health")[2]["kpi_route"].value for _ in range(16)]
    for key in keys[:4]:
        for _ in range(5):
            get(site.url + "/_stcore/health", key)
    site.settle()
    assert all(len(site.upstreams(key)) == 1 for key in keys)
    assert set().union(*(site.upstreams(key) for key in keys)) == set(site.apps)


def test_a_page_runs_over_the_websocket_on_the_browsers_own_process(site):
    stats = loadtest.drive(site.url, 1, 30, ["/"], max_runs=1, think=(0, 0))
    assert (stats.runs, stats.errors) == (1, [])
    site.settle()
    key = [line.split()[1] for line in site.log.read_text().splitlines() if "/_stcore/host-config" in line][-1]
    assert site.upstreams(key, "/_stcore/stream") == site.upstreams(key)


def test_a_body_over_the_upload_limit_is_refused_by_nginx(site):
    req = urllib.request.Request(site.url + "/_stcore/upload_file/s/f", data=b"x" * (7 * 1024 * 1024), method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=30)
    assert refused.value.code == 413


def test_the_site_with_its_tls_block_enabled_passes_nginx_t(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=kpi.test",
                    "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    site_conf = enabled_site(free_port(), free_port(), tmp_path / "cert.pem", tmp_path / "key.pem")
    assert "listen 127.0.0.1" in site_conf and "ssl_certificate " in site_conf
    done = check_config(site_conf, tmp_path)
    assert done.returncode == 0, done.stderr


@pytest.mark.browser
def test_the_overview_draws_its_charts_through_nginx(site, browser):
    from tests.test_browser import DESKTOP, WAIT, screenshot, wait_idle

    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(WAIT)
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        page.wait_for_selector(".main-svg", state="attached")
        wait_idle(page)
        assert page.locator("h1").first.inner_text() == "总览"
        screenshot(page, "nginx-overview")
        assert (ROOT / "artifacts" / "screenshots" / "nginx-overview.png").stat().st_size > 10_000
    finally:
        context.close()
