"""The 指标核查 page (AppTest): find, open by link, record a verdict as the reader signed in,
missing or corrupt store. (Signing in itself is proven in a real browser: tests/test_browser.py.)"""
import pytest
from streamlit.testing.v1 import AppTest

from app import auth
from common import settings

LAND = "report-2025-02-25:land_recovered"


@pytest.fixture
def store(app_db, people):
    return people[0]


def as_reader(monkeypatch, actor) -> None:
    """Draw the pages for this reader, as if signed in (AppTest cannot send a session cookie)."""
    monkeypatch.setattr(auth, "current_actor", lambda: actor)


def run(lang: str = "zh", **params) -> AppTest:
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(lang=lang, **params)
    return at.switch_page("pages/4_spot_check.py").run()


def sentences(at) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown]


@pytest.mark.parametrize("lang, title", [("zh", "指标核查"), ("en", "Spot-check")])
def test_page_runs_in_both_languages(store, lang, title):
    at = run(lang)
    assert not at.exception and not at.error and at.title[0].value == title


def test_link_opens_the_observation_with_its_sentence(store):
    at = run(obs=LAND)
    assert at.selectbox[0].value == LAND
    assert "对存量土地进行全面排查,完成:orange-background[**2000余亩**]土地收回工作。" in sentences(at)


def test_choosing_an_observation_shows_its_sentence(store):
    at = run()
    at.selectbox[0].select("report-2025-02-25:tvoc_change").run()
    assert "第三季度TVOC平均值为较第二季度降低22.56%。".replace("降低22.56%", ":orange-background[**降低22.56%**]") \
        in sentences(at)


def test_search_narrows_the_list(store):
    at = run()
    at.text_input(key="spot_q").input("燃气").run()
    assert at.selectbox[0].options == ["7.5 · 完成中压燃气管道项目 · 6 个", "7.5 · 累计铺设燃气管道 · 5945 米"]


def test_a_checker_records_a_verdict_as_themselves(store, people, monkeypatch):
    as_reader(monkeypatch, people[1]["checker"])
    at = run(obs=LAND)
    at.radio(key=f"status_{LAND}").set_value("disputed")
    at.text_area(key=f"note_{LAND}").input("原文为“2000余亩”")
    at.button[0].click().run()
    assert store.verdicts.history(LAND)[["status", "checker", "note"]].values.tolist() == [
        ["disputed", "Checker", "原文为“2000余亩”"]]
    assert "最新结论：有异议（Checker，" in " ".join(sentences(at))
    assert at.success[0].value == "已记录。" and at.text_area(key=f"note_{LAND}").value == ""


def test_a_busy_store_keeps_what_the_checker_typed(store, people, monkeypatch):
    import store as store_module

    as_reader(monkeypatch, people[1]["checker"])
    at = run(obs=LAND)

    def busy(*args, **kwargs):
        raise store_module.StoreBusy("database is locked")

    monkeypatch.setattr(store_module.verdicts.Verdicts, "record", busy)
    at.radio(key=f"status_{LAND}").set_value("needs_evidence")
    at.text_area(key=f"note_{LAND}").input("请补充自规分局的盖章报表")
    at.button[0].click().run()
    assert at.error[0].value == "记录库正忙，结论尚未保存；您填写的内容仍在表单中，请稍后再点“记录结论”。"
    assert (at.text_area(key=f"note_{LAND}").value, at.radio(key=f"status_{LAND}").value) == (
        "请补充自规分局的盖章报表", "needs_evidence")


@pytest.mark.parametrize("who", [None, "viewer", "clerk"])
def test_others_see_verdicts_but_record_none(store, people, monkeypatch, who):
    as_reader(monkeypatch, people[1][who] if who else None)
    at = run(obs=LAND)
    assert not at.get("form") and "核查员和管理员登录后可以记录核查结论。" in [c.value for c in at.caption]


def test_missing_store_is_reported_not_recreated(app_db, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "gone.sqlite")
    at = run(obs=LAND)
    assert at.warning[0].value == "服务器尚未建立账号与记录库，核查结论暂时无法记录。管理员可运行：python -m kpi store init"
    assert not (tmp_path / "gone.sqlite").exists()


def test_corrupt_store_is_reported_and_left_alone(app_db, tmp_path, monkeypatch):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"not a database" * 100)
    monkeypatch.setattr(settings, "STORE_PATH", path)
    at = run(obs=LAND)
    assert at.error[0].value == "账号与记录库无法读取，未写入任何内容。请管理员从备份恢复。"
    assert path.read_bytes() == b"not a database" * 100
