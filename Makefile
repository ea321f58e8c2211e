# The two commands of the README, and the set-up they need on a fresh machine.
#   make serve   build the site from content/ and serve it on http://127.0.0.1:8000/
#   make test    run the whole test suite (installs chromium, Java and the npm test tools if missing)
#   make test-fast  the tests that take no more than a few seconds each, for the edit loop (under two minutes)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

PORT ?= 8000

.PHONY: setup test-tools validate build serve test test-fast golden clean

setup: $(STAMP)

test-tools:
	bash scripts/setup-test-tools.sh

# requirements.lock is requirements-dev.txt (and requirements.txt) resolved, pip included, each file
# with its sha256: pip refuses anything else. `.venv/bin/python tools/lock.py` writes it.
$(STAMP): requirements.lock
	@echo "Setting up $(VENV)/ (once, or when requirements.lock changes): a Python environment with the hash-pinned packages of requirements.lock; this takes a minute or two."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@
	@echo "$(VENV)/ is ready."

validate: setup
	$(PY) build.py validate

build: setup
	$(PY) build.py build

serve: setup
	$(PY) build.py serve --port $(PORT)

test: setup test-tools
	$(PY) -m pytest

# Leaves out the tests marked slow (each builds sites again and again, validates or link-checks every
# page, starts a server, prints PDFs or installs the package) and those that drive a browser; the
# shipped site is still built once for the others. `make test`, which CI runs, runs everything.
test-fast: setup test-tools
	$(PY) -m pytest -m "not slow and not browser"

# After a deliberate change to what the site shows: rewrite tests/golden/expected/, then review its diff.
golden: setup
	$(PY) -m tests.golden.tree --update

clean:
	rm -rf site .site-spare-site .pytest_cache .hypothesis
