"""`build.py serve`: serves the built site on 127.0.0.1, rebuilds on change, tells pages to reload."""

import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from samples import ALL
from site_helpers import ROOT


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


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


@pytest.mark.slow
def test_serve_rebuilds_on_change_and_signals_reload(make_project):
    project = make_project(ALL)
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out = Output(proc)
        at = out.wait_for("Serving on")
        root = out.lines[at].split("Serving on ")[1].split()[0]
        at = out.wait_for("Watching for changes.", at)  # edits from now on are heard
        base = root + "en/"
        record_page = base + "initiatives/examination-twinning/index.html"
        page = fetch(record_page)
        assert "Patent examination twinning" in page
        assert "assets/livereload.js" in page  # only pages built by serve carry it
        listing = fetch(base + "initiatives/index.html")
        assert "Patent examination twinning" in listing and "Examiner exchange programme" not in listing
        generation = int(fetch(root + "__build"))

        record = project.content_dir / "initiatives" / "examination-twinning.md"
        record.write_text(record.read_text(encoding="utf-8").replace(
            "title: Patent examination twinning", "title: Examiner exchange programme"), encoding="utf-8")
        # first the record's own page, then the full build, which rewrites the list that shows it
        at = out.wait_for("Changed content/initiatives/examination-twinning.md: ", at)
        at = out.wait_for("Built ", at)
        assert "Examiner exchange programme" in fetch(record_page)
        assert "Examiner exchange programme" in fetch(base + "initiatives/index.html")
        assert "Examiner exchange programme" in fetch(root + "fr/initiatives/examination-twinning/index.html")
        deadline = time.monotonic() + 10  # open pages are told to reload after each step
        while (rebuilt := int(fetch(root + "__build"))) < generation + 2:
            assert time.monotonic() < deadline, (generation, rebuilt)
            time.sleep(0.1)

        # a broken edit: the rebuild runs, reports the problem, and the last good site stays online
        record.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        at = out.wait_for("Changed content/initiatives/examination-twinning.md; rebuilding", at)
        stopped = out.wait_for("Build stopped: nothing was written; site/ is unchanged.", at)
        assert any("content/initiatives/examination-twinning.md:" in line and "error[" in line
                   for line in out.lines[at:stopped]), out.lines[at:]
        assert "Examiner exchange programme" in fetch(record_page)
        assert "Examiner exchange programme" in fetch(base + "initiatives/index.html")
        assert int(fetch(root + "__build")) == rebuilt  # nothing to reload
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_plain_build_has_no_reload_script(site):
    assert not (site / "assets" / "livereload.js").exists()
    assert "livereload" not in (site / "index.html").read_text(encoding="utf-8")
