"""Single sign-on end to end in a real browser: Streamlit's st.login against a local OpenID Connect
provider (oidc-provider-mock, started here), the identity mapped to an account by e-mail or
subject, an unknown identity a viewer at most."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.serve import free_port, serve
from tests.test_browser import WAIT, open_page, wait_idle

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
oidc = pytest.importorskip("oidc_provider_mock")


@pytest.fixture(scope="module")
def provider():
    users = [oidc.User(sub="li-sub", claims={"email": "li@zone.example", "name": "李检"})]
    with oidc.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def base_url(provider, tmp_path_factory):
    import store
    from common.roles import Actor
    from tests.serve import ROOT

    tmp = tmp_path_factory.mktemp("sso")
    env = {"KPI_STORE": str(tmp / "store.sqlite"), "KPI_BUILD_LOG": str(tmp / "b.jsonl"),
           "KPI_UPDATES_DIR": str(tmp / "updates")}
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp / "kpi.duckdb")], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    db = store.init_store(f"sqlite:///{tmp / 'store.sqlite'}")
    operator = Actor("cli:test", "admin", via="cli")
    db.accounts.add(operator, "li", "checker", None, "李检", email="li@zone.example")
    db.accounts.add(operator, "wu", "admin", None, "吴管", oidc_subject="wu-sub")
    port = free_port()
    secrets = tmp / "secrets.toml"
    secrets.write_text(f'[auth]\nredirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
                       'cookie_secret = "a-test-cookie-secret-0123456789abcdef"\nclient_id = "kpi-dashboard"\n'
                       'client_secret = "test-client-secret"\n'
                       f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    with serve(tmp / "kpi.duckdb", port=port, env=env, args=("--secrets.files", str(secrets))) as url:
        yield url


def sign_on(browser, base_url: str, sub: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(WAIT)
    open_page(page, base_url + "/")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="单点登录").click()
    page.wait_for_selector('input[name="sub"]')
    page.fill('input[name="sub"]', sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(base_url + "/**")
    wait_idle(page)
    return page


@pytest.mark.parametrize("sub, shown", [("li-sub", "已登录：李检（核查员）"), ("wu-sub", "已登录：吴管（管理员）")])
def test_an_identity_maps_to_its_account_by_e_mail_or_subject(base_url, browser, sub, shown):
    page = sign_on(browser, base_url, sub)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(shown)


def test_an_unknown_identity_is_a_viewer_at_most(base_url, browser):
    page = sign_on(browser, base_url, "stranger@zone.example")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("已登录：stranger@zone.example（查看者）")
    expect(sidebar).to_contain_text("单点登录身份 stranger@zone.example 尚未开通账号，只能查看。")
    open_page(page, base_url + "/review")
    expect(page.locator('[data-testid="stAlertContentWarning"]')).to_have_text("您的角色（查看者）不能使用本页。")
