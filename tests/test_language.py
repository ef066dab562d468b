"""Every page speaks the reader's language: a Chinese page shows no English words of ours, an
English page no Chinese except what it quotes from a source (a sentence, a document's name)."""
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import store
from app import auth
from common import settings
from common.roles import Actor
from etl import cli

PAGES = [("dashboard.py", {}), ("pages/1_problem_areas.py", {"area": "4"}),
         ("pages/2_theme.py", {"page": "gov_services"}), ("pages/2_theme.py", {"page": "environment"}),
         ("pages/2_theme.py", {"page": "factor_guarantees"}), ("pages/3_export.py", {}),
         ("pages/4_spot_check.py", {"obs": "report-2025-02-25:tvoc_change"}), ("pages/5_data_update.py", {}),
         ("pages/6_review.py", {}), ("pages/7_admin.py", {})]
# English on a Chinese page: names of formats and programs, and the units of the report itself.
ZH_ALLOWED = {"TVOC", "PNG", "CSV", "Excel", "XLSX", "HTML", "ZIP", "PPT", "sha", "MB", "UTC", "Chromium", "apt",
              "get", "install", "no", "recommends", "chromium", "fonts", "noto", "cjk", "obs", "xlsx", "csv",
              "python", "kpi", "store", "verdicts", "init", "English", "Language"}  # the language switch names each language in its own words
EN_ALLOWED = {"中文", "语言"}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
WORD = re.compile(r"[A-Za-z]{2,}")
# ids, codes, dates, file names and paths: not words
IDS = re.compile(r"(?:/[\w.\-]+)+|[A-Za-z0-9_.:-]*[_:\d][A-Za-z0-9_.:-]*")


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """A database with a department update (whose file name and rows are Chinese), and every
    text the pages may quote: sources, their titles and publishers, file names."""
    tmp = tmp_path_factory.mktemp("lang")
    updates = tmp / "updates" / "progress-2025-02-25"
    updates.mkdir(parents=True)
    (updates / "季报.csv").write_text("indicator_id,value,qualifier,as_of,source,evidence,note\n"
                                      "tvoc_change,-30,,2025-03-31,生态环境分局季报,监测报告,\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in (("UPDATES_DIR", tmp / "updates"), ("BUILD_LOG", tmp / "b.jsonl")):
            mp.setattr(settings, name, value)
        assert cli.run("build", tmp / "kpi.duckdb") == 0
    with duckdb.connect(str(tmp / "kpi.duckdb"), read_only=True) as con:
        quoted = [t for row in con.execute("SELECT text, title, publisher FROM sources").fetchall() for t in row]
    _people(tmp)
    # What users typed is theirs too: names, departments, file names.
    users = ["admin", "Admin", "clerk", "Clerk", "自规分局", "月报.csv", "自规分局报表"]
    return tmp / "kpi.duckdb", "\n".join(quoted + users)


ADMIN = Actor("admin", "admin", "Admin", None, 1)


def _people(tmp) -> None:
    """A store with an admin, a clerk and one pending submission (so the review page has something to show)."""
    db = store.init_store(f"sqlite:///{tmp / 'store.sqlite'}")
    operator = Actor("cli:test", "admin", via="cli")
    db.accounts.add(operator, "admin", "admin", "admin-password")
    clerk = db.accounts.add(operator, "clerk", "submitter", "clerk-password", "Clerk", "自规分局")
    db.accounts.assign(operator, "自规分局", "progress-2025-02-25", ["land_recovered"])
    db.submissions.submit(clerk, "progress-2025-02-25", "月报.csv", "indicator_id,value,qualifier,as_of,source,"
                          "evidence,note\nland_recovered,2100,余/多,2025-01-31,自规分局报表,,\n".encode(), 1)


@pytest.fixture
def reader(sources, monkeypatch):
    """The pages as an admin sees them (every part of every page), against the module's store."""
    monkeypatch.setattr(settings, "STORE_PATH", sources[0].parent / "store.sqlite")
    monkeypatch.setattr(auth, "current_actor", lambda: ADMIN)


def texts(at: AppTest) -> list[str]:
    """What a page shows: titles, texts, labels, options, table headers (markdown escapes removed)."""
    found = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(at, kind)]
    found += [m.label for m in at.metric] + [m.value for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "number_input", "text_area"):
        for w in getattr(at, kind):
            found.append(w.label)
            found += [str(o) for o in getattr(w, "options", [])]
    found += [b.proto.label for kind in ("button", "download_button", "popover", "expander", "page_link")
              for b in at.get(kind) if hasattr(b.proto, "label")]
    found += [str(c) for d in at.dataframe for c in d.value.columns]
    return [re.sub(r"\\(.)", r"\1", f) for f in found if f]


def run(db, script: str, lang: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(lang=lang, **params)
    return at.switch_page(script).run()


@pytest.mark.parametrize("script, params", PAGES, ids=[s + "".join(p.values()) for s, p in PAGES])
def test_a_chinese_page_shows_no_english_words_of_ours(sources, reader, monkeypatch, script, params):
    db, quoted = sources
    monkeypatch.setattr(settings, "DB_PATH", db)
    at = run(db, script, "zh", params)
    assert not at.exception
    english = {w for text in texts(at) for w in WORD.findall(IDS.sub(" ", text))
               if w not in ZH_ALLOWED and w not in quoted}
    assert english == set()


@pytest.mark.parametrize("script, params", PAGES, ids=[s + "".join(p.values()) for s, p in PAGES])
def test_an_english_page_shows_chinese_only_where_it_quotes_a_source(sources, reader, monkeypatch, script, params):
    db, quoted = sources
    monkeypatch.setattr(settings, "DB_PATH", db)
    at = run(db, script, "en", params)
    assert not at.exception
    chinese = {run for text in texts(at) for run in CJK.findall(text) if run not in quoted and run not in EN_ALLOWED}
    assert chinese == set()
