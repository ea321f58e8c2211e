"""The case studies' PDF: both printers print the same sections, Chromium's PDF is the same bytes
for the same page and day, the choice of printer, and what a failed print leaves behind."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import pytest

from conftest import write_project
from portal import uptodate
from portal.pipeline import build, check
from portal.printing import (PLACEHOLDER_BASE, Printer, Printing, PrintingFailed, _descendants, _local_file,
                             choose_printer)
from portal.publish import Output
from samples import ALL, CASE_STUDY
from site_helpers import assert_pdf_sections, tree_digest

LONG_TITLE = ("Examiners from three regional offices building a shared search manual for traditional medicine "
              "patents, one chapter per office")
FILES = {**ALL, "content/case-studies/shared-search-manual.md": CASE_STUDY.replace(
    "title: A coffee GI in the highlands", f"title: {LONG_TITLE}")}


@pytest.fixture()
def project(tmp_path):
    return write_project(tmp_path / "project", FILES)


def case_study_titles(project) -> list[str]:
    titles = [story.title for story in check(project).catalog.records["case-studies"]]
    assert LONG_TITLE in titles and len(titles) == 2
    return titles


@pytest.mark.slow
@pytest.mark.skipif(choose_printer().name != "chromium", reason="no Chromium here")
def test_chromium_prints_every_section_dated_with_the_build_date_and_the_same_bytes_again(project, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772582400")  # 2026-03-04
    assert build(project, site_dir=tmp_path / "one", use_cache=False).ok
    assert build(project, site_dir=tmp_path / "two", use_cache=False).ok
    one, two = (tmp_path / name / "data" / "case-studies.pdf" for name in ("one", "two"))
    reader = assert_pdf_sections(one, case_study_titles(project))
    assert "Skia" in reader.metadata["/Producer"]  # printed by Chromium
    assert reader.metadata.creation_date.date() == dt.date(2026, 3, 4)
    assert reader.metadata.modification_date.date() == dt.date(2026, 3, 4)
    assert one.read_bytes() == two.read_bytes()  # printed twice, independently


def test_weasyprint_prints_every_section_when_chosen(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_PRINTER", "weasyprint")
    assert build(project, use_cache=False).ok
    reader = assert_pdf_sections(project.site_dir / "data" / "case-studies.pdf", case_study_titles(project))
    assert "WeasyPrint" in reader.metadata["/Producer"]


def test_the_printer_is_chromium_when_found_else_weasyprint(tmp_path):
    empty = str(tmp_path)  # a PATH with no browser on it
    browser = tmp_path / "bin" / "chromium"
    browser.parent.mkdir()
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    assert choose_printer({"PATH": str(browser.parent)}) == Printer("chromium", str(browser))
    assert choose_printer({"PATH": empty, "CHROMIUM": "/opt/chrome/chrome"}) == Printer("chromium", "/opt/chrome/chrome")
    assert choose_printer({"PATH": empty}) == Printer("weasyprint")
    assert choose_printer({"PATH": str(browser.parent), "PORTAL_PRINTER": "WeasyPrint"}) == Printer("weasyprint")
    with pytest.raises(PrintingFailed, match="no Chromium was found: install it"):
        choose_printer({"PATH": empty, "PORTAL_PRINTER": "chromium"})
    with pytest.raises(PrintingFailed, match="use one of: chromium, weasyprint"):
        choose_printer({"PATH": empty, "PORTAL_PRINTER": "prince"})


def test_the_printer_is_given_the_sites_own_files_and_nothing_else(tmp_path):
    staged = tmp_path / "site"
    (staged / "assets").mkdir(parents=True)
    (staged / "assets" / "print.css").write_text("", encoding="utf-8")
    (staged / "assets" / "two words.css").write_text("", encoding="utf-8")
    (staged / "en" / "case-studies" / "compilation").mkdir(parents=True)
    page = staged / "en" / "case-studies" / "compilation" / "index.html"
    page.write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not part of the site", encoding="utf-8")
    base = PLACEHOLDER_BASE
    assert _local_file(staged, base, base + "assets/print.css?v=3") == staged / "assets" / "print.css"
    assert _local_file(staged, base, base + "assets/two%20words.css") == staged / "assets" / "two words.css"
    assert _local_file(staged, base, base + "en/case-studies/compilation/#case-1") == page
    assert _local_file(staged, base, base + "assets/missing.css") is None
    assert _local_file(staged, base, base + "../secret.txt") is None
    assert _local_file(staged, base, base + "%2e%2e/secret.txt") is None
    assert _local_file(staged, base, "https://fonts.example.org/font.css") is None
    assert _local_file(staged, base, "file:///etc/passwd") is None


@pytest.mark.slow
def test_a_failed_print_stops_the_build_with_a_message_and_leaves_the_site(project, tmp_path, monkeypatch, capsys):
    from portal.cli import run_build

    assert build(project).ok
    before = tree_digest(project.site_dir)
    broken = tmp_path / "broken-chromium"
    broken.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PORTAL_PRINTER", "chromium")
    monkeypatch.setenv("CHROMIUM", str(broken))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    uptodate.forget(project)  # the site would otherwise be up to date: the printer is not one of its inputs
    assert run_build(project) is None
    out = capsys.readouterr()
    assert "error: printing data/case-studies.pdf with chromium failed" in out.err
    assert "site/ is unchanged" in out.out
    assert tree_digest(project.site_dir) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []
    assert list(scratch.iterdir()) == []  # nor the printer's own folder


def _family(pid: int) -> dict[int, tuple[str, str]]:
    """The printer and every process descended from it: pid -> (command name, state: R, S, T...)."""
    found = {}
    for each in [pid, *_descendants(pid)]:
        try:
            name, rest = Path(f"/proc/{each}/stat").read_text().split(" (", 1)[1].rsplit(") ", 1)
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        found[each] = (name, rest.split()[0])
    return found


needs_proc_and_chromium = pytest.mark.skipif(
    not Path("/proc/self/stat").is_file() or choose_printer().name != "chromium", reason="needs /proc and Chromium")


def printing_with_its_browser(project, **options) -> Printing:
    """The built project's compilation printed again, returned once the browser has started."""
    assert build(project, use_cache=False).ok
    printing = Printing(Output(project.site_dir), "en/case-studies/compilation/index.html", "data/again.pdf", None,
                        **options)
    deadline = time.monotonic() + 30
    while not any("chrom" in name for name, _ in _family(printing.process.pid).values()):
        assert time.monotonic() < deadline and printing.process.poll() is None, "the browser never started"
        time.sleep(0.05)
    return printing


@pytest.mark.slow
@needs_proc_and_chromium
def test_a_print_cancelled_leaves_no_browser_behind(project):
    """A build that fails while printing kills the browser too."""
    printing = printing_with_its_browser(project)
    family = _family(printing.process.pid)
    printing.cancel()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and _family(pid).get(pid, ("", "Z"))[1] != "Z" for pid in family):
        assert time.monotonic() < deadline, f"still running: {family}"
        time.sleep(0.1)
    assert not (project.site_dir / "data" / "again.pdf").exists()
