"""Dependencies point one way: pages -> app -> kpi (read side) -> database; CLI -> etl (write
side) -> database; both sides use common and the store of what users write. And no report's
figures or ids in code."""
import ast
import io
import re
import tokenize

import pytest
import yaml

from common import settings

ROOT = settings.ROOT
# package -> the packages of ours it may import
ALLOWED = {"common": {"common"}, "store": {"common", "store"}, "etl": {"common", "store", "etl"},
           "kpi": {"common", "store", "kpi"}, "app": {"common", "store", "kpi", "etl", "app"}}
OURS = {"common", "store", "etl", "kpi", "app"}


def imports(path) -> set[str]:
    """The top-level names a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_stands_below_it(package):
    wrong = {p.relative_to(ROOT).as_posix(): sorted((imports(p) & OURS) - ALLOWED[package])
             for p in (ROOT / package).glob("**/*.py")}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_only_the_app_and_pages_import_streamlit():
    files = [p for d in ("common", "store", "etl", "kpi") for p in (ROOT / d).glob("**/*.py")]
    assert [p.relative_to(ROOT).as_posix() for p in files if "streamlit" in imports(p)] == []


def test_the_web_side_never_builds():
    """Only the build worker (and the operator's command line) writes a database file: nothing the
    app runs calls a build, the publisher or the worker (an acceptance only tries the build in memory)."""
    web = [ROOT / "dashboard.py", ROOT / "server.py", ROOT / "etl" / "updates" / "submit.py"]
    web += [p for d in ("app", "pages", "kpi") for p in (ROOT / d).glob("**/*.py")]
    calls = re.compile(r"\b(build_quietly|load \. build|publish \. \w+|worker \. \w+|cli \. run)\b")
    found = {p.relative_to(ROOT).as_posix(): sorted(set(calls.findall(code_only(p)))) for p in web}
    assert {k: v for k, v in found.items() if v} == {}


def _indicator_ids() -> set[str]:
    """Indicator ids of the real report: names only its catalog may use."""
    folder = settings.CATALOG_DIR / "progress-2025-02-25"
    return {i["id"] for i in yaml.safe_load((folder / "indicators.yml").read_text(encoding="utf-8"))}


def code_only(path) -> str:
    """A module's code without comments and docstrings (which may show examples); SQL without comments."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".sql":
        return re.sub(r"--[^\n]*", "", text)
    docstrings = {(n.body[0].lineno, n.body[0].end_lineno) for n in ast.walk(ast.parse(text))
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(getattr(n.body[0], "value", None), ast.Constant)}
    skip = {i for a, b in docstrings for i in range(a, b + 1)}
    kept = [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type != tokenize.COMMENT and t.start[0] not in skip]
    return " ".join(kept)


def test_no_report_ids_or_figures_in_code():
    """Code knows kinds of things; the report's indicator ids, figures, dates and periods are the
    catalog's (examples in comments and docstrings aside)."""
    ids = _indicator_ids()
    figures = re.compile(r"19/20|58/60|\b601\b|\b294\b|22\.56|2024Q[23]|2024-11-25|2025-02-25|第三季度|第二季度|2000余")
    code = [p for d in ("common", "store", "etl", "kpi", "app", "pages") for p in (ROOT / d).glob("**/*.py")]
    code += [p for d in ("etl", "kpi") for p in (ROOT / d).glob("**/*.sql")] + [ROOT / "dashboard.py"]
    found = {}
    for p in code:
        text = code_only(p)
        hits = sorted({w for w in ids if re.search(rf"\b{w}\b", text)} | set(figures.findall(text)))
        if hits:
            found[p.relative_to(ROOT).as_posix()] = hits
    assert found == {}
