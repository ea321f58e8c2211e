# The two commands of the README, and the set-up they need on a fresh machine.
#   make serve   build the site from content/ and serve it on http://127.0.0.1:8000/
#   make test    run the whole test suite (installs chromium, Java and the npm test tools if missing)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

PORT ?= 8000

.PHONY: setup test-tools validate build serve test golden clean

setup: $(STAMP)

test-tools:
	bash scripts/setup-test-tools.sh

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

validate: setup
	$(PY) build.py validate

build: setup
	$(PY) build.py build

serve: setup
	$(PY) build.py serve --port $(PORT)

test: setup test-tools
	$(PY) -m pytest

# After a deliberate change to what the site shows: rewrite tests/golden/expected/, then review its diff.
golden: setup
	$(PY) -m tests.golden.tree --update

clean:
	rm -rf site .pytest_cache .hypothesis
