"""The sign-in pages (app/web.py): a form with a CSRF token, an HttpOnly session cookie, a way
back only to this site, the lockout said, sign-out that ends the session."""
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from app import web


@pytest.fixture
def client(people):
    return TestClient(Starlette(routes=web.routes()), base_url="http://testserver", follow_redirects=False)


def form(client, path="/account/login?lang=zh&next=/spot_check"):
    page = client.get(path)
    return page, re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def sign_in(client, username="checker", password="checker-password", nxt="/spot_check"):
    _, csrf = form(client)
    return client.post("/account/login?lang=zh", data={"username": username, "password": password, "csrf": csrf,
                                                        "next": nxt})


def test_the_form_is_chinese_by_default_and_english_on_request(client):
    assert "<h1>登录</h1>" in form(client)[0].text
    assert "<h1>Sign in</h1>" in form(client, "/account/login?lang=en")[0].text


def test_signing_in_sets_an_httponly_cookie_and_goes_back(client, people):
    db, made = people
    done = sign_in(client)
    assert (done.status_code, done.headers["location"]) == (303, "/spot_check")
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith("kpi_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=28800" in cookie
    token = re.match(r"kpi_session=([^;]+)", cookie).group(1)
    assert db.sessions.actor(token) == made["checker"]


def test_a_wrong_password_is_said_without_saying_which(client):
    done = sign_in(client, password="wrong")
    assert done.status_code == 401 and "用户名或密码错误。" in done.text and "kpi_session" not in done.headers.get(
        "set-cookie", "")


def test_the_lockout_is_said(client):
    for _ in range(5):
        sign_in(client, password="wrong")
    done = sign_in(client)
    assert done.status_code == 401 and "登录失败次数过多，账号已锁定 15 分钟，请稍后再试。" in done.text


def test_a_form_without_its_csrf_cookie_is_refused(client, people):
    _, csrf = form(client)
    client.cookies.clear()
    done = client.post("/account/login", data={"username": "checker", "password": "checker-password", "csrf": csrf})
    assert done.status_code == 400 and "表单已过期" in done.text


@pytest.mark.parametrize("nxt", ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\\evil"])
def test_the_way_back_never_leaves_the_site(client, nxt):
    assert sign_in(client, nxt=nxt).headers["location"] == "/"


def test_markup_in_the_way_back_stays_text(client):
    page, _ = form(client, '/account/login?next=/x"><script>alert(1)</script>')
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text


def test_signing_out_ends_the_session_and_clears_the_cookie(client, people):
    db, _ = people
    sign_in(client)
    token = client.cookies["kpi_session"]
    _, csrf = form(client, "/account/logout?next=/")
    done = client.post("/account/logout", data={"csrf": csrf, "next": "/"})
    assert done.status_code == 303 and db.sessions.actor(token) is None
    assert any(c.startswith('kpi_session=""') for c in done.headers.get_list("set-cookie"))
