"""deploy/: the systemd units and the environment file a zone's IT staff install name only
settings the code reads and commands that exist."""
import re
import subprocess
import sys

from common import settings

ROOT = settings.ROOT
DEPLOY = ROOT / "deploy"


def test_every_variable_in_the_environment_example_is_a_setting():
    text = (DEPLOY / "systemd" / "kpi.env.example").read_text(encoding="utf-8")
    names = re.findall(r"^(KPI_\w+)=", text, re.M)
    read = set(re.findall(r"\"(KPI_\w+)\"", (ROOT / "common" / "settings.py").read_text(encoding="utf-8")))
    assert names == ["KPI_STORE_URL", "KPI_DB", "KPI_BUILD_LOG", "KPI_UPDATES_DIR", "KPI_READ"]
    assert re.findall(r"^(STREAMLIT_\w+)=", text, re.M) == ["STREAMLIT_SERVER_COOKIE_SECRET"]  # shared by every process
    assert sorted(set(names) - read) == []


def test_the_units_start_the_app_and_the_worker():
    starts = {p.name: re.search(r"^ExecStart=(.*)$", p.read_text(encoding="utf-8"), re.M).group(1)
              for p in sorted((DEPLOY / "systemd").glob("*.service"))}
    assert starts == {
        "kpi-app@.service": "/opt/kpi/.venv/bin/python -m streamlit run server.py --server.port %i "
                            "--server.address 127.0.0.1",
        "kpi-worker.service": "/opt/kpi/.venv/bin/python -m etl worker"}
    done = subprocess.run([sys.executable, "-m", "etl", "worker", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "--once" in done.stdout
