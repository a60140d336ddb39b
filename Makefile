# werkbrug: `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
PY := $(VENV)/bin/python
WERKBRUG := $(VENV)/bin/werkbrug
# A local run: plain HTTP, a development secret, the demo e-mail printed in the terminal.
LOCAL_ENV := DEBUG=$${DEBUG:-true}
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PYTEST := $(PY) -m pytest

.PHONY: install demo serve test test-pg e2e lint format bench messages worker clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "werkbrug needs Python 3.11 or newer; none found." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,e2e,bench]"
	touch $@

demo: install
	mkdir -p var
	$(LOCAL_ENV) $(WERKBRUG) migrate --noinput
	$(LOCAL_ENV) $(WERKBRUG) demo_region
	@echo "werkbrug runs on http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(LOCAL_ENV) $(WERKBRUG) runserver 127.0.0.1:8000

serve: install
	$(LOCAL_ENV) $(WERKBRUG) runserver 127.0.0.1:8000

worker: install
	$(LOCAL_ENV) $(WERKBRUG) db_worker

test: install
	$(PYTEST)

test-pg: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PYTEST)

e2e: install
	$(PYTEST) -m e2e tests/e2e

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

format: install
	$(VENV)/bin/ruff check --fix src tests bench scripts
	$(VENV)/bin/ruff format src tests bench scripts

bench: install
	$(PY) bench/run.py

messages: install
	cd src/werkbrug && DEBUG=true ../../$(WERKBRUG) makemessages --locale nl --no-obsolete --no-location --ignore "static/*"
	cd src/werkbrug && DEBUG=true ../../$(WERKBRUG) compilemessages --locale nl

clean:
	rm -rf $(VENV) var
