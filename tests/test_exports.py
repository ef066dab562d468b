"""Exports: PNG with real CJK glyphs, CSV with BOM, XLSX with its source sheet, injection."""
import io
import subprocess

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops

from common import settings
from kpi import charts, exports
from kpi.plots import FONT, TEMPLATE
from tests.conftest import REPORT


@pytest.fixture(scope="module")
def kaleido_browser():
    exports.start_browser()
    yield
    exports.stop_browser()


def test_png_is_2x_with_footer(app_db, kaleido_browser):
    chart = charts.get(REPORT, "approval_times", "zh")
    image = Image.open(io.BytesIO(exports.png_bytes(chart.figure, exports.footer("zh", chart))))
    assert (image.format, image.size) == ("PNG", (2 * exports.PNG_WIDTH, 2 * (chart.figure.layout.height + 36)))


def _label_png(text: str) -> Image.Image:
    fig = go.Figure(layout=dict(template=TEMPLATE, width=300, height=80, margin=dict(l=0, r=0, t=0, b=0),
                                xaxis=dict(visible=False), yaxis=dict(visible=False)))
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=40))
    return Image.open(io.BytesIO(fig.to_image(format="png", scale=1))).convert("L")


def test_chinese_renders_as_glyphs_not_boxes(kaleido_browser):
    # Missing glyphs all draw as the same box: two different words would look alike.
    a, b, blank = _label_png("台州湾"), _label_png("经开区"), _label_png(" ")
    assert ImageChops.difference(a, b).getbbox() is not None
    assert ImageChops.difference(a, blank).getbbox() is not None


def test_configured_cjk_font_is_installed():
    first = FONT.split(",")[0]
    found = subprocess.run(["fc-match", "-f", "%{family}", first], capture_output=True, text=True).stdout
    assert first in found


def test_csv_has_bom_and_round_trips_chinese(app_db):
    data = exports.csv_bytes(exports.table(charts.get(REPORT, "land", "zh"), "zh"))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back["数值"]) == ["2000+ 亩", "442 亩"]
    assert list(back["限定"]) == ["余/多", "精确"]
    assert back["原文"][0] == "完成2000余亩土地收回工作"


def test_xlsx_has_data_and_source_sheets(app_db):
    chart = charts.get(REPORT, "land", "zh")
    wb = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(exports.table(chart, "zh"), chart, "zh")))
    assert wb.sheetnames == ["数据", "来源"]
    source = {r[0]: r[1] for r in wb["来源"].iter_rows(values_only=True) if r[0]}
    assert source["sha256"] == "de7376dd98760293c60c9716920b9820659db56c416fb5b5b533b03ff57c665a"
    assert source["发布单位"] == "市委巡察办"
    assert source["land_recovered"] == "完成2000余亩土地收回工作"


@pytest.mark.parametrize("cell, safe", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("601 项", "601 项"), (-22.56, -22.56), ("−0.06", "−0.06"),
])
def test_formula_like_cells_are_neutralised(cell, safe):
    assert exports.neutralise(cell) == safe


def test_injection_survives_neither_csv_nor_xlsx(app_db):
    chart = charts.get(REPORT, "land", "zh")
    frame = exports.table(chart, "zh").assign(原文=["=cmd|' /C calc'!A0", "@evil"])
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), encoding="utf-8-sig")
    assert list(back["原文"]) == ["'=cmd|' /C calc'!A0", "'@evil"]
    ws = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame, chart, "zh")))["数据"]
    quotes = [row[-2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert quotes == ["'=cmd|' /C calc'!A0", "'@evil"]


def test_file_names_say_what_and_when(app_db):
    chart = charts.get(REPORT, "approval_times", "zh")
    assert [exports.file_name(chart, "zh", "png"), exports.file_name(chart, "zh", "png", ascii_only=True),
            exports.file_name(charts.get(REPORT, "approval_times", "en"), "en", "csv")] == [
        "政务服务_审批时限_2024-11-25.png", "gov_services_approval_times_2024-11-25.png",
        "gov_services_approval_times_2024-11-25.csv"]


def test_missing_browser_is_said_with_the_install_command(app_db, monkeypatch):
    monkeypatch.setattr(settings, "CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(exports.BrowserMissing, match="install them with: apt-get install -y "
                                                     "--no-install-recommends chromium fonts-noto-cjk$"):
        exports.png_bytes(charts.get(REPORT, "land", "zh").figure, "footer")
