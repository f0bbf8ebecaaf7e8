# Two commands do all set-up on a fresh machine with Python 3.11, make and git:
#   make demo   - install into .venv, analyse the bundled sample corpora into wiretrace.db, print the ledger,
#                 then trace story families and print them
#   make test   - install into .venv (with test extras) and run the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= wiretrace.db

ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON := python3
endif

.PHONY: demo test install eval bench clean gazetteer

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

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/wiretrace eval examples/gold/sample.jsonl --db $(DB)

bench: install
	$(BIN)/python benchmarks/analyze_speed.py

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
