"""The briefing pack: files, index, deck, determinism, and the command without a browser."""
import hashlib
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

from common import settings
from kpi import __main__ as cli
from kpi import charts, pack
from tests.conftest import REPORT


@pytest.fixture(scope="module")
def built_pack(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "DB_PATH", built_db)
        entries = pack.build(REPORT, out, "zh")
        every = charts.all_charts(REPORT, "zh")
    return out, entries, every


def test_index_lists_exactly_the_files_with_sizes_and_checksums(built_pack):
    out, _, _ = built_pack
    index = pd.read_csv(out / pack.INDEX, encoding="utf-8-sig")
    assert sorted(index["file"]) == sorted(p.name for p in out.iterdir() if p.name != pack.INDEX)
    for _, row in index.iterrows():
        data = (out / row["file"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (row["bytes"], row["sha256"])


def test_every_chart_has_png_csv_and_xlsx(built_pack):
    _, entries, charts = built_pack
    kinds = pd.DataFrame(entries)["kind"].value_counts().to_dict()
    assert kinds == {"png": len(charts), "csv": len(charts), "xlsx": len(charts), "pptx": 1}


def test_deck_has_cover_and_one_slide_per_chart(built_pack):
    out, _, charts = built_pack
    deck = Presentation(str(next(out.glob("*.pptx"))))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    assert texts[0] == ["优化营商环境专项巡察整改进展", "台州湾经济技术开发区\n数据截至 2024-11-25\n"
                        "来源：市委巡察办《【巡察进行时】台州湾经济技术开发区党工委关于优化营商环境专项巡察整改进展情况的通报》，"
                        "2025-02-25发布"]
    assert [t[0] for t in texts[1:]] == [c.title for c in charts]
    assert all(any(s.shape_type == 13 for s in slide.shapes) for slide in list(deck.slides)[1:])  # 13: picture


def test_pack_xlsx_opens_with_both_sheets(built_pack):
    out, _, _ = built_pack
    assert openpyxl.load_workbook(next(out.glob("04_*.xlsx"))).sheetnames == ["数据", "来源"]


def test_same_database_gives_same_png_and_csv(built_pack, app_db, tmp_path):
    out, _, _ = built_pack
    again = pack.build(REPORT, tmp_path, "zh")
    stable = [e for e in again if e["kind"] in ("png", "csv")]
    assert [(e["file"], (out / e["file"]).read_bytes() == (tmp_path / e["file"]).read_bytes()) for e in stable] \
        == [(e["file"], True) for e in stable]


def test_export_command_without_browser_exits_1_with_the_command(app_db, tmp_path):
    env = {"KPI_CHROMIUM": "/nonexistent/chromium", "KPI_DB": str(app_db), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "kpi", "export", "--out", str(tmp_path)], env=env,
                          capture_output=True, text=True, cwd=settings.ROOT)
    assert done.returncode == 1
    assert done.stderr == ("python -m kpi export: server-side PNG needs Chromium and a CJK font; install them with: "
                           "apt-get install -y --no-install-recommends chromium fonts-noto-cjk\n")


def test_export_help_has_an_example(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["export", "--help"])
    assert done.value.code == 0
    examples = capsys.readouterr().out.split("examples:\n", 1)[1].splitlines()
    assert [line.split("#")[0].strip() for line in examples if "kpi export" in line] == [
        "python -m kpi export --out briefing/", "python -m kpi export --out briefing-en --lang en",
        "python -m kpi export --out briefing --ascii-names",
        "python -m kpi export --out briefing --report REPORT_ID"]


def test_export_of_an_unknown_report_names_the_known_ones(app_db, tmp_path, capsys):
    assert cli.main(["export", "--out", str(tmp_path), "--report", "nope"]) == 1
    assert capsys.readouterr().err == "python -m kpi export: no report 'nope'; known: progress-2025-02-25\n"
