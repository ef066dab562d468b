"""The dashboard follows the data: after a department reports problems_rectified = 20 and
tvoc_change = -30 as of 2025-03-31, every tile, note, caption, chart, PNG footer and slide
speaks of the new figures; the old ones stay in history and source views only."""
import json

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from common import settings
from etl import cli
from kpi import charts, exports, pack
from tests.conftest import REPORT

UPDATE = ("indicator_id,value,qualifier,as_of,source,evidence,note\n"
          "problems_rectified,20,,2025-03-31,整改办季报,销号清单,\n"
          "tvoc_change,-30,,2025-03-31,生态环境分局季报,监测报告,\n")


@pytest.fixture
def updated(ws, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2025-04-10")
    (ws.updates() / "季报.csv").write_text(UPDATE, encoding="utf-8")
    assert cli.run("build", ws.db) == 0
    return ws


def page(script: str, **params) -> AppTest:
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(lang="zh", **params)
    return at.switch_page(script).run()


def outside_sources(at: AppTest) -> str:
    """What a page says outside its source popovers (the sentence, earlier values)."""
    popovers = {id(e) for p in at.get("popover") for e in _walk(p)}
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info")
             for e in getattr(at, kind) if id(e) not in popovers]
    return " ".join(parts + [m.value for m in at.metric]).replace("\\", "")


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def test_overview_speaks_of_the_newest_figures(updated):
    at = page("dashboard.py")
    assert [m.value for m in at.metric][:2] == ["20/20", "58/60"]
    text = outside_sources(at)
    assert "19/20" not in text and "19 个" not in text
    assert "报告公布的是总数（截至 2025年3月31日：问题 20/20、措施 58/60）" in text


def test_old_values_stay_in_the_source_views(updated):
    at = page("dashboard.py")
    popover = " ".join(m.value for p in at.get("popover") for m in _walk(p) if hasattr(m, "value")
                       and isinstance(m.value, str)).replace("\\", "")
    assert "截至 2024年11月25日：19 个" in popover


def test_environment_page_and_tvoc_chart_extend_to_the_new_quarter(updated):
    at = page("pages/2_theme.py", page="environment")
    assert "只有相对变化：2025年第一季度（较2024年第三季度）为−30%；没有浓度数值，图中以指数表示。" in outside_sources(at)
    assert "22.56" not in outside_sources(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["x"] == ["2024年第二季度", "2024年第三季度", "2025年第一季度"]
    assert "部门报送：季报.csv（截至 2025-03-31）" in spec["layout"]["title"]["subtitle"]["text"]


def test_captions_titles_and_png_footers_carry_the_new_as_of(updated):
    completion = charts.get(REPORT, "completion", "zh")
    assert completion.title == "整改完成情况（截至 2025年3月31日）"
    assert exports.footer("zh", charts.get(REPORT, "tvoc_index", "zh")).endswith(
        " · 部门报送：季报.csv（截至 2025-03-31）")
    assert exports.file_name(charts.get(REPORT, "tvoc_index", "zh"), "zh", "png") == "生态环境_TVOC指数_2025-03-31.png"


def test_the_deck_speaks_of_the_new_as_of(updated, tmp_path):
    pack.build(REPORT, tmp_path, "zh")
    deck = Presentation(str(next(tmp_path.glob("*.pptx"))))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    assert "数据截至 2025-03-31" in texts[0][1]
    tvoc = next(t for t in texts if t[0].startswith("园区TVOC平均值"))
    assert tvoc[1].endswith("部门报送：季报.csv（截至 2025-03-31）")
    assert next(tmp_path.glob("*.pptx")).name == "巡察整改简报_2025-03-31.pptx"
