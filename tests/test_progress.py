"""What a build prints: its progress on one rewritten line on a terminal and nothing of it elsewhere
(CI logs, pipes); --quiet and --verbose; warnings already shown in a `serve` session summarized."""

import os
import pty
import subprocess
import sys

import pytest

from portal.cli import report_text
from portal.problems import Problem, Report
from samples import ALL
from site_helpers import ROOT


def run_on_terminal(args: list[str]) -> tuple[int, str]:
    """build.py run with a pseudo-terminal as its standard output: its exit code and what it wrote."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *args], stdout=secondary,
                            stderr=secondary, stdin=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other side is closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return proc.wait(), b"".join(chunks).decode("utf-8", "replace")


def run_in_pipe(args: list[str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_its_progress_and_in_a_log_does_not(make_project):
    project = make_project(ALL)
    code, shown = run_on_terminal(["--root", str(project.root), "build"])
    assert code == 0, shown
    progress = [part for part in shown.split("\r") if part.startswith("Building: ")]
    stages = {part.split(",")[0].split(" (")[0].removeprefix("Building: ") for part in progress}
    assert {"load", "validate", "derive", "render", "index"} <= stages, progress
    renders = [part for part in progress if part.startswith("Building: render, ")]
    total = int(renders[-1].split(" of ")[1].split()[0].replace(",", ""))
    pages = int(next(line for line in shown.splitlines() if "Built " in line).split("Built ")[1].split()[0])
    assert total == pages and f"{pages:,} of {pages:,} pages" in renders[-1]
    assert "\n" not in "".join(progress).rstrip()  # one line, rewritten in place

    # the same build with a pipe for output (a CI log): plain lines, no progress
    (project.root / ".cache" / "site-state.json").unlink()
    code, logged = run_in_pipe(["--root", str(project.root), "build"])
    assert code == 0, logged
    assert "\r" not in logged and "Building: " not in logged
    assert any(line.startswith("Built ") for line in logged.splitlines())


@pytest.mark.slow
def test_quiet_and_verbose(make_project):
    project = make_project(ALL)
    code, shown = run_on_terminal(["--root", str(project.root), "build", "--quiet"])
    assert code == 0 and "Building: " not in shown and "Built " not in shown, shown
    (project.root / ".cache" / "site-state.json").unlink()
    code, logged = run_in_pipe(["--root", str(project.root), "--verbose", "build"])
    assert code == 0, logged
    lines = logged.splitlines()
    assert "\r" not in logged
    began = [line.split("…")[0] for line in lines if "… (" in line]
    assert began[:3] == ["check", "load", "validate"] and "render" in began and "publish" in began
    assert any(line.startswith("Built ") for line in lines)


def warning(path: str, line: int = 3) -> Problem:
    return Problem(path, line, 10, "expired", "this open need expired on 2025-06-30", "Ask the poster to renew it.",
                   severity="warning")


def test_serve_summarizes_the_warnings_it_has_shown():
    old, new = warning("content/needs/a.yml"), warning("content/needs/b.yml")
    error = Problem("content/needs/c.yml", 1, 1, "yaml-syntax", "bad", severity="error")
    known: set = set()
    first = report_text(Report([old]), known)
    assert first == report_text(Report([old]))  # the first build shows everything
    assert report_text(Report([old]), known) == "1 warning as before, see the first build."
    again = report_text(Report([new, old, error]), known)
    assert new.headline() in again and error.headline() in again and old.headline() not in again
    assert again.endswith("1 warning as before, see the first build.")
    assert report_text(Report([new, old]), known) == "2 warnings as before, see the first build."
