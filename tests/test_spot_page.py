"""The 指标核查 page (AppTest): find, open by link, record a verdict, missing or corrupt store."""
import pytest
from streamlit.testing.v1 import AppTest

from common import settings
from kpi import verdicts

LAND = "report-2025-02-25:land_recovered"


@pytest.fixture
def store(app_db, tmp_path, monkeypatch):
    path = tmp_path / "verdicts.sqlite"
    monkeypatch.setattr(settings, "VERDICTS_PATH", path)
    verdicts.init(path)
    return path


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


def test_recorded_verdict_is_kept_and_shown(store):
    at = run(obs=LAND)
    at.radio(key=f"status_{LAND}").set_value("disputed")
    at.text_input(key=f"spot_checker_{LAND}").input("王明")
    at.button[0].click().run()
    assert [s["status"] for s in verdicts.open_store(store).history(LAND).to_dict("records")] == ["disputed"]
    assert "最新结论：有异议（王明，" in " ".join(sentences(at))


def test_missing_store_is_reported_not_recreated(app_db, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "VERDICTS_PATH", tmp_path / "gone.sqlite")
    at = run(obs=LAND)
    assert at.warning[0].value.startswith(f"核查记录库不存在（{tmp_path / 'gone.sqlite'}）。首次使用请用下方按钮新建")
    assert not (tmp_path / "gone.sqlite").exists()


def test_corrupt_store_is_reported_and_left_alone(app_db, tmp_path, monkeypatch):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"not a database" * 100)
    monkeypatch.setattr(settings, "VERDICTS_PATH", path)
    at = run(obs=LAND)
    assert at.error[0].value == f"核查记录库（{path}）无法读取，或不是核查记录库；未写入任何内容。请从备份恢复，或把它移走后新建。"
    assert path.read_bytes() == b"not a database" * 100
