# Two commands do all set-up on a fresh machine with Python 3.11, make and git:
#   make demo   - install into .venv, analyse the bundled sample corpora into wiretrace.db, print the ledger,
#                 then trace story families and print them
#   make test   - install into .venv (with test extras), install Debian's chromium for the browser tests when
#                 it is missing and this runs as root, and run the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= wiretrace.db

ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON := python3
endif

CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test install browser postgres eval bench clean gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/wiretrace analyze examples/corpus examples/families --db $(DB)
	$(BIN)/wiretrace trace --db $(DB)

# Debian's Chromium for the Playwright tests (Playwright's own browser download does not work offline).
# Without it, and without root to install it, the browser tests skip with that reason.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	  else echo "no $(CHROMIUM) and no root to apt-get it: the browser tests will skip"; fi; \
	fi

# The PostgreSQL server the store tests run against (WIRETRACE_TEST_POSTGRES, default the local one on port 5432):
# found, or started with Debian's pg_ctlcluster when it is installed but stopped; otherwise the reason is printed
# and those tests skip (CI sets WIRETRACE_REQUIRE_POSTGRES=1, which makes them fail instead).
PG_TEST ?= postgresql://127.0.0.1:5432/test
postgres: install
	@if ! $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$${WIRETRACE_TEST_POSTGRES:-$(PG_TEST)}" 2>/dev/null; then \
	  if command -v pg_lsclusters >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "starting the local PostgreSQL cluster for the store tests"; \
	    pg_lsclusters -h | while read ver name rest; do pg_ctlcluster $$ver $$name start 2>/dev/null || true; done; sleep 2; \
	  fi; \
	  $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$${WIRETRACE_TEST_POSTGRES:-$(PG_TEST)}" 2>/dev/null || \
	  echo "no PostgreSQL at $${WIRETRACE_TEST_POSTGRES:-$(PG_TEST)} (install postgresql, or set WIRETRACE_TEST_POSTGRES to a database you may create schemas in): the PostgreSQL store tests will skip"; \
	fi

test: install browser postgres
	$(BIN)/python -m pytest -q

# Quality figures: attribution and families on the bundled gold, and on realdev when ../shared is beside the clone.
CASE2021 ?= ../shared/data/case2021/dev.tsv
REALDEV ?= ../shared/data/realdev/articles.jsonl
eval: install
	$(BIN)/wiretrace eval examples/gold/sample.jsonl
	$(BIN)/wiretrace eval examples/gold/events.jsonl
	$(BIN)/wiretrace eval-families examples/families/test.jsonl
	@if [ -f $(REALDEV) ]; then \
	  $(BIN)/wiretrace eval $(REALDEV) && $(BIN)/wiretrace eval-families $(REALDEV); \
	else echo "no $(REALDEV): the real-text figures are skipped"; fi
	@if [ -f $(CASE2021) ]; then $(BIN)/wiretrace eval $(CASE2021); \
	else echo "no $(CASE2021): the event-type figures are skipped"; fi

bench: install
	$(BIN)/python benchmarks/analyze_speed.py

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
