"""Shared fixtures: a throwaway project with the real reference data and inline content files, and
one pinned "today" for the whole suite."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import textwrap
import threading
from pathlib import Path

import pytest

from portal.project import Project
from portal.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent

# The day every test builds for (which needs have expired, what "today" is on the pages), whatever
# the real date or the caller's SOURCE_DATE_EPOCH: the results do not move with the calendar. A test
# about dates sets its own with monkeypatch.setenv("SOURCE_DATE_EPOCH", ...).
TODAY = dt.date(2026, 12, 6)
TODAY_EPOCH = str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc).timestamp()))
_saved_epoch: list = []


def pytest_configure(config):
    """Pinned from the start, for collection and the session-scoped fixtures (the `site` built once)
    too; subprocesses that tests start inherit it."""
    _saved_epoch.append(os.environ.get("SOURCE_DATE_EPOCH"))
    os.environ["SOURCE_DATE_EPOCH"] = TODAY_EPOCH


def pytest_unconfigure(config):
    saved = _saved_epoch.pop() if _saved_epoch else None
    if saved is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """Each test starts on the pinned day, even if one before it changed the variable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    return TODAY


# The checkout's .cache/ and site/ are the contributor's: no test may touch them.
CHECKOUT_BEFORE = pytest.StashKey[dict]()


def pytest_sessionstart(session):
    """What the checkout's .cache/ and site/ hold before any test runs (see pytest_sessionfinish)."""
    from site_helpers import snapshot_checkout

    session.config.stash[CHECKOUT_BEFORE] = snapshot_checkout()


def pytest_collection_modifyitems(session, config, items):
    """tests/test_hygiene.py runs after every other test, so its check covers them all."""
    items.sort(key=lambda item: item.path.name == "test_hygiene.py")  # stable: the rest keep their order


def pytest_sessionfinish(session, exitstatus):
    """No test may create, change or delete anything in the checkout's .cache/ or site/: a test that
    did would make the suite depend on what is there and spoil a contributor's own build. This covers
    the whole run, whichever tests were selected; a change fails the run and is named."""
    from site_helpers import changes, snapshot_checkout

    before = session.config.stash.get(CHECKOUT_BEFORE, None)
    if before is None:
        return
    changed = changes(before, snapshot_checkout())
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the tests changed the checkout's .cache/ or site/ (or something running beside them did):",
                 *(f"    {line}" for line in changed[:20]),
                 *([f"    ... and {len(changed) - 20} more"] if len(changed) > 20 else [])]
        if reporter is not None:
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line, red=True)
        else:
            print("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def write_project(root: Path, files: dict[str, str | bytes]) -> Project:
    """A project in `root` with copies of data/ and templates/ and the given files (paths relative to root)."""
    for folder in ("data", "templates"):
        if not (root / folder).exists():
            shutil.copytree(ROOT / folder, root / folder)
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return Project(root)


@pytest.fixture
def make_project(tmp_path):
    def make(files: dict[str, str | bytes]) -> Project:
        return write_project(tmp_path, files)

    return make


@pytest.fixture(scope="session")
def reference():
    return load_reference(ROOT / "data")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The shipped content, built once per test session."""
    from site_helpers import build_real_site

    out = tmp_path_factory.mktemp("built") / "site"
    build_real_site(out)
    return out


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from portal.printing import CHROMIUM_ARGS, chromium_path  # the PDF printer's browser and arguments

    path = chromium_path()
    assert path, "Chromium is missing: run scripts/setup-test-tools.sh (make test does)"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def en(site) -> Path:
    """The English pages of the built site (each language has its folder)."""
    return site / "en"


@pytest.fixture(scope="session")
def site_root_url(site):
    """Serves the folder above site/, so the site lives under a base path: /site/."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/{site.name}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(site_root_url):
    """The English site over HTTP, under a base path: /site/en/."""
    return site_root_url + "en/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(params=["http", "file"])
def base(request, site, server) -> str:
    """The site's address over HTTP (under a base path) and opened from disk."""
    return server if request.param == "http" else site.as_uri() + "/en/"
