"""A build killed with SIGKILL at any moment: site/ is the site as it was (or, past the swap, the
new one, whole), no process of the build is left behind, stopped or running, and the next build
succeeds and tidies what the killed one left."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from golden.tree import PROJECT
from site_helpers import tree_digest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc").is_dir() or not hasattr(signal, "SIGKILL"),
                                reason="needs /proc and SIGKILL")


def _processes_of(project: Path) -> dict[int, str]:
    """pid -> state of every process whose command line names the project or its staging folders
    (the build, its workers, the printer; the browser is given the staged page's folder)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(project) in command and state != "Z":
            found[int(entry.name)] = f"{state} {command[:120]}"
    return found


def _build(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project)


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.4, 1.5, 3.0, 5.0])
def test_a_build_killed_at_any_moment_leaves_the_site_whole_and_nothing_running(tmp_path, after):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    for folder in ("data", "templates"):
        shutil.copytree(ROOT / folder, project / folder)
    assert _build(project).wait(timeout=300) == 0
    before = tree_digest(project / "site")
    # An edit, so that the next build has pages to write and a PDF to print again.
    record = project / "content" / "case-studies" / "pharmaceutical-patent-examination-arab-network.md"
    record.write_text(record.read_text(encoding="utf-8").replace("## Background", "## Background, again", 1),
                      encoding="utf-8")

    build = _build(project)
    time.sleep(after)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)

    deadline = time.monotonic() + 20
    while (left := _processes_of(project)):
        assert time.monotonic() < deadline, f"left running after the build was killed: {left}"
        time.sleep(0.2)
    killed = tree_digest(project / "site")
    assert _build(project).wait(timeout=300) == 0
    after_success = tree_digest(project / "site")
    assert killed in (before, after_success), "site/ was left half-written"
    assert after_success != before
    assert not list(project.glob(".site-staging-*")) and not list(project.glob(".site-old-*"))
