"""`build.py serve`: serves the built site on 127.0.0.1, rebuilds on change, tells pages to reload."""

import subprocess
import sys
import time
import urllib.request

from samples import ALL
from site_helpers import ROOT


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change_and_signals_reload(make_project):
    project = make_project(ALL)
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = ""
        while "Serving on" not in line:
            line = proc.stdout.readline()
            assert line, "serve exited before serving"
        root = line.split("Serving on ")[1].split()[0]
        base = root + "en/"
        page = fetch(base + "initiatives/examination-twinning/index.html")
        assert "Patent examination twinning" in page
        assert "assets/livereload.js" in page  # only pages built by serve carry it
        generation = fetch(root + "__build")

        record = project.content_dir / "initiatives" / "examination-twinning.md"
        record.write_text(record.read_text(encoding="utf-8").replace(
            "title: Patent examination twinning", "title: Examiner exchange programme"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while fetch(root + "__build") == generation:
            assert time.monotonic() < deadline, "no rebuild after the edit"
            time.sleep(0.2)
        assert "Examiner exchange programme" in fetch(base + "initiatives/examination-twinning/index.html")

        # a broken edit keeps the last good site online
        record.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        time.sleep(2)
        assert "Examiner exchange programme" in fetch(base + "initiatives/examination-twinning/index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_plain_build_has_no_reload_script(site):
    assert not (site / "assets" / "livereload.js").exists()
    assert "livereload" not in (site / "index.html").read_text(encoding="utf-8")
