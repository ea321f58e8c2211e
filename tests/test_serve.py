"""`build.py serve`: serves the built site on 127.0.0.1 with its reload script added as it answers
(never written into site/), rebuilds on change, and tells pages when to reload or that a build failed."""

import datetime
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest

from portal.i18n import load_language
from portal.serve import CLIENT_PATH, OVERLAY_TEXTS, inject
from samples import ALL
from site_helpers import ROOT, tree_digest
from test_site import pagefind_unstable

RECORD = "content/initiatives/examination-twinning.md"
PAGE = "initiatives/examination-twinning/index.html"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def state(root: str, page: str = "/", lang: str = "en") -> dict:
    """What the reload script is told about the builds and about its page."""
    return json.loads(fetch(f"{root}__build?page={urllib.parse.quote(page)}&lang={lang}"))


def heard(root: str, page: str, *, failed: bool, timeout: float = 10) -> dict:
    """The state once the server has heard that a build ended as `failed` says: the building process
    tells it through a pipe, a moment after the terminal's line is printed. The last state read if
    it never does (and the test's assertions then say what it was)."""
    deadline = time.monotonic() + timeout
    while True:
        now = state(root, page)
        if now["failed"] == failed or time.monotonic() > deadline:
            return now
        time.sleep(0.05)


class Output:
    """What the serve process prints, read line by line in a thread (so its pipe never fills)."""

    def __init__(self, proc):
        self.lines: list[str] = []
        self.done = threading.Event()
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(proc.stdout,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.done.set()
            self.changed.notify_all()

    def wait_for(self, text: str, after: int = 0, timeout: float = 90) -> int:
        """The index of the first line from `after` on that contains `text`; fails when serve exits
        or nothing like it is printed in time."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = next((i for i in range(after, len(self.lines)) if text in self.lines[i]), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                assert left > 0 and not self.done.is_set(), (f"serve never printed {text!r}:\n" +
                                                             "\n".join(self.lines))
                self.changed.wait(left)


@contextmanager
def serving(project, *options, env: dict | None = None):
    """`build.py serve` on a free port: (its output, the site's address, the index of the line from
    which edits are heard). `env`: variables to set for it."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "serve",
                             "--port", "0", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    try:
        out = Output(proc)
        at = out.wait_for("Serving on")
        root = out.lines[at].split("Serving on ")[1].split()[0]
        at = out.wait_for("Watching for changes.", at)  # edits from now on are heard
        yield out, root, at
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def retitle(project, title: str) -> None:
    record = project.root / RECORD
    text = record.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    record.write_text(text.replace(old, f"title: {title}"), encoding="utf-8")


def files(site) -> dict:
    """path -> (inode, modification time, size): what changes when a file is written."""
    out = {}
    for dirpath, _dirs, names in os.walk(site):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            out[os.path.relpath(os.path.join(dirpath, name), site)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def stable(tree: dict) -> dict:
    """Without Pagefind's files that differ from one run to the next (tests/test_site.py)."""
    return {k: v for k, v in tree.items() if not pagefind_unstable(k)}


def test_the_script_goes_at_the_end_of_the_head():
    page = b"<!DOCTYPE html><html><head><title>t</title></head><body></body></html>"
    served = inject(page, "abc")
    assert served == (b'<!DOCTYPE html><html><head><title>t</title>'
                      + f'<script src="{CLIENT_PATH}" data-page="abc" defer></script>\n'.encode()
                      + b'</head><body></body></html>')
    assert inject(b"<p>no head</p>", "x").endswith(b"<p>no head</p>")


@pytest.mark.slow
def test_serve_leaves_the_site_as_build_wrote_it(make_project, tmp_path):
    """Started on a site just built, `serve` writes no file, serves each page with its reload script,
    and site/ never holds that script; started on a fresh project, it writes what `build` writes."""
    project = make_project(ALL)
    built = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "build"],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    before, digest = files(project.site_dir), tree_digest(project.site_dir)
    with serving(project) as (out, root, at):
        assert "site/ is up to date" in "\n".join(out.lines[:at])
        on_disk = (project.site_dir / "en" / PAGE).read_bytes()
        served = fetch(root + "en/" + PAGE)
        script = f'<script src="{CLIENT_PATH}" data-page="{state(root, "/en/" + PAGE)["page"]}" defer></script>\n'
        assert served == inject(on_disk, state(root, "/en/" + PAGE)["page"]).decode("utf-8")
        assert script in served and served.replace(script, "") == on_disk.decode("utf-8")
        assert "livereload" not in on_disk.decode("utf-8")
        assert fetch(root + CLIENT_PATH.lstrip("/")).startswith("// Added by `build.py serve`")
    assert files(project.site_dir) == before  # not one file written, not even rewritten with the same bytes
    assert tree_digest(project.site_dir) == digest
    assert not any(b"livereload" in (project.site_dir / rel).read_bytes()
                   for rel in digest if rel.endswith((".html", ".js")))

    fresh = make_project_copy(project, tmp_path / "fresh")
    with serving(fresh) as (out, root, at):
        assert any(line.startswith("Built ") for line in out.lines[:at])
    made = tree_digest(fresh.site_dir)
    assert stable(made) == stable(digest) and len(made) == len(digest)  # byte for byte what `build` wrote


def make_project_copy(project, target):
    """The same project without its site/ or cache."""
    import shutil

    from portal.project import Project

    shutil.copytree(project.root, target, ignore=shutil.ignore_patterns("site", ".cache", ".site-staging-*"))
    return Project(target)


@pytest.mark.slow
def test_serve_rebuilds_on_change_and_tells_pages_what_changed(make_project):
    project = make_project(ALL)
    # built on a day after the sample need expired: a warning, shown by the first build only
    later = str(int(datetime.datetime(2028, 1, 1, tzinfo=datetime.timezone.utc).timestamp()))
    with serving(project, env={"SOURCE_DATE_EPOCH": later}) as (out, root, at):
        expired = [line for line in out.lines[:at] if "warning[expired]" in line]
        assert len(expired) == 1, out.lines[:at]
        # the expired need's, and the contribute page's (the samples name no repository or address)
        warned = [line for line in out.lines[:at] if ": warning[" in line]
        assert len(warned) == 2, out.lines[:at]
        base = root + "en/"
        record_page = base + PAGE
        page = fetch(record_page)
        assert "Patent examination twinning" in page
        listing = fetch(base + "initiatives/index.html")
        assert "Patent examination twinning" in listing and "Examiner exchange programme" not in listing
        first = state(root, "/en/" + PAGE)
        assert not first["failed"] and first["problems"] == []
        assert f'data-page="{first["page"]}"' in page  # the page carries what it was when served
        other = state(root, "/en/about/index.html")["page"]

        retitle(project, "Examiner exchange programme")
        # first the record's own page, then the full build, which rewrites the list that shows it
        at = out.wait_for(f"Changed {RECORD}: ", at)
        at = out.wait_for("Built ", at)
        assert "Examiner exchange programme" in fetch(record_page)
        assert "Examiner exchange programme" in fetch(base + "initiatives/index.html")
        assert "Examiner exchange programme" in fetch(root + "fr/" + PAGE)
        edited = heard(root, "/en/" + PAGE, failed=False)
        assert edited["page"] != first["page"] and not edited["failed"]
        assert state(root, "/en/about/index.html")["page"] == other  # a page that did not change stays
        rebuilt = out.lines[out.wait_for(f"Changed {RECORD}: "):at + 1]
        assert "2 warnings as before, see the first build." in rebuilt
        assert not any(line in rebuilt for line in warned)

        # a broken edit: the rebuild runs, reports the problem, and the last good site stays online
        (project.root / RECORD).write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        at = out.wait_for(f"Changed {RECORD}; rebuilding", at)
        stopped = out.wait_for("Build stopped: nothing was written; site/ is unchanged.", at)
        printed = [line for line in out.lines[at:stopped] if f"{RECORD}:" in line and "error[" in line]
        assert printed, out.lines[at:]
        assert "Examiner exchange programme" in fetch(record_page)
        assert "Examiner exchange programme" in fetch(base + "initiatives/index.html")
        broken = heard(root, "/en/" + PAGE, failed=True)
        assert broken["page"] == edited["page"]  # nothing to reload
        headlines = [p["headline"] for p in broken["problems"]]
        assert broken["failed"] and [h for h in headlines if "error[" in h] == printed
        assert expired[0] in headlines  # the page shows every problem, the warning shown once included
        hints = [p["hint"] for p in broken["problems"] if p["hint"] and p["severity"] == "error"]
        assert hints and all(f"    hint: {hint}" in out.lines[at:stopped] for hint in hints)
        # the overlay's words are the page's language
        french = load_language("fr", ROOT / "data" / "locale")
        assert state(root, "/fr/" + PAGE, "fr")["texts"]["title"] == french.gettext(OVERLAY_TEXTS["title"])
        assert french.gettext(OVERLAY_TEXTS["title"]) != OVERLAY_TEXTS["title"]

        retitle_from_broken(project, "Examiner exchange")
        at = out.wait_for("Built ", stopped)
        fixed = heard(root, "/en/" + PAGE, failed=False)
        assert not fixed["failed"] and fixed["problems"] == [] and fixed["page"] != edited["page"]


def retitle_from_broken(project, title: str) -> None:
    """The record as the samples have it, with another title."""
    text = ALL[RECORD]
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    (project.root / RECORD).write_text(text.replace(old, f"title: {title}"), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.browser
def test_a_failed_build_shows_over_the_page_and_a_fix_reloads_it_once(make_project, browser):
    project = make_project(ALL)
    with serving(project) as (out, root, at):
        page = browser.new_page()
        loads, refused = [], []
        page.on("load", lambda: loads.append(page.url))
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(root + "en/" + PAGE)
        page.wait_for_function("() => window.portalServe && window.portalServe.polls > 0")
        assert len(loads) == 1 and page.locator("#serve-build-problems").count() == 0

        (project.root / RECORD).write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        at = out.wait_for("Build stopped", at)
        overlay = page.locator("#serve-build-problems")
        overlay.wait_for()
        printed = [line for line in out.lines[:at] if line.startswith(f"{RECORD}:")]
        assert printed
        text = overlay.inner_text()
        assert "The site could not be rebuilt" in text
        assert all(line in text for line in printed)  # file:line:col, code and message, as printed
        assert len(loads) == 1  # the site did not change: no reload

        retitle_from_broken(project, "Examiner exchange programme")
        at = out.wait_for("Built ", at)
        generation = heard(root, "/", failed=False)["generation"]  # the full build has told the server
        # the page reloaded once, after its own page was rewritten; the full build, which wrote the same
        # bytes, made no second reload once the page had heard of it
        page.wait_for_function("(g) => window.portalServe && window.portalServe.generation >= g", arg=generation)
        assert len(loads) == 2, loads
        assert "Examiner exchange programme" in page.locator("h1").inner_text()
        assert page.locator("#serve-build-problems").count() == 0
        assert refused == []  # the script and its overlay keep to the pages' Content-Security-Policy
        page.close()
