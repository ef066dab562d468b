# Two commands: `make run` serves the dashboard, `make test` runs every test.
# Both set up .venv and the database first; nothing but python3 (3.11+) is assumed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     := data/kpi.duckdb
PORT   ?= 8501
# Every source, catalog file (one folder per report), update file and ETL module.
DB_INPUTS := $(shell find data/sources data/catalog data/updates etl common -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: run test test-fast test-browser bench loadtest sysdeps db check clean

run: $(STAMP)
	@$(PY) -m kpi store init --if-missing
	@$(MAKE) --no-print-directory $(DB) || { test -f $(DB) && echo "make: the build failed (see above); serving the previous $(DB), unchanged."; }
	@# The build worker beside the app (the app never builds): it publishes a new build whenever an
	@# accepted submission, an update file or the catalog changes; stopped with the app.
	@$(PY) -m etl worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) -m streamlit run server.py --server.port $(PORT)

test: $(STAMP) sysdeps $(DB)
	$(PY) -m pytest

test-fast: $(STAMP) $(DB)   ## everything but the real-browser tests
	$(PY) -m pytest -m "not browser"

test-browser: $(STAMP) sysdeps $(DB)
	$(PY) -m pytest -m browser

# Pages against Streamlit's floor, then the same with 5 years of SYNTHETIC monthly updates
# (tests/growth.py, built outside data/), then server-side PNGs and the briefing pack.
GROWTH := $(or $(TMPDIR),/tmp)/kpi-growth
bench: $(STAMP) sysdeps $(DB)
	$(PY) -m tests.bench
	rm -rf $(GROWTH) && $(PY) -m tests.growth --out $(GROWTH)
	$(PY) -m tests.bench --growth $(GROWTH)
	$(PY) -m tests.bench_exports

# Many users: K simulated sessions over Streamlit's websocket (no browser), on one app process,
# then behind nginx with 1 and 2 processes; then a 10-minute soak of 20 sessions on 2 processes
# while the build worker publishes a build every 30 s (tests/loadtest.py; loopback only).
loadtest: $(STAMP) sysdeps $(DB)
	$(PY) -m tests.loadtest
	$(PY) -m tests.loadtest --balanced 2 --soak 10 --sessions 20 --builds-every 30

db: $(DB)

check: $(STAMP)
	$(PY) -m etl check

# .venv is (re)created when missing or older than requirements.txt.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: Python 3.11+ is needed as $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Rebuilt when a source, the catalog, an update file or the ETL changes.
$(DB): $(STAMP) $(DB_INPUTS)
	$(PY) -m etl build --db $(DB)

# Debian's Chromium and a CJK font, for browser tests and server-side PNGs.
sysdeps:
	@sh .ci/sysdeps.sh

clean:
	rm -rf $(VENV) $(DB) $(DB).tmp data/logs artifacts .pytest_cache
