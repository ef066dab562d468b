"""The entry page runs and shows the headline figures from the database."""
from streamlit.testing.v1 import AppTest

from kpi import settings


def test_dashboard_shows_headline_completion():
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception
    assert [m.value for m in at.metric][:2] == ["19/20", "58/60"]
