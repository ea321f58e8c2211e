# The two commands of the README, and the set-up they need on a fresh machine.
#   make serve   build the site from content/ and serve it on http://127.0.0.1:8000/
#   make test    run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup validate serve build test clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

validate: setup
	$(PY) build.py validate

test: setup
	$(PY) -m pytest

clean:
	rm -rf site .pytest_cache .hypothesis
