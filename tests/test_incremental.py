"""Rebuilds do only what changed: a site that is up to date is left alone, files are rewritten only
when their bytes change, and `serve` rewrites an edited record's own page before the full build.
Whatever was skipped, the site is byte for byte what a clean build makes."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, write_project
from portal import publish, uptodate
from portal.live import LiveSite
from portal.pipeline import build
from samples import ALL
from site_helpers import forks, tree_digest
from test_site import pagefind_unstable

TWINNING = "initiatives/examination-twinning/index.html"
OLD_TITLE, NEW_TITLE = "Patent examination twinning", "Examiner exchange programme"


def files(site: Path) -> dict:
    """path -> (inode, modification time): what changes when a file is rewritten."""
    out = {}
    for dirpath, _dirs, names in os.walk(site):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            out[os.path.relpath(os.path.join(dirpath, name), site)] = (st.st_ino, st.st_mtime_ns)
    return out


def stable(tree: dict) -> dict:
    return {k: v for k, v in tree.items() if not pagefind_unstable(k)}


def same_as_clean_build(project, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    assert build(project, site_dir=clean, use_cache=False).ok
    built, expected = tree_digest(project.site_dir), tree_digest(clean)
    assert stable(built) == stable(expected)
    assert len(built) == len(expected)


def retitle(project, old: str, new: str) -> Path:
    record = project.content_dir / "initiatives" / "examination-twinning.md"
    record.write_text(record.read_text(encoding="utf-8").replace(f"title: {old}", f"title: {new}"), encoding="utf-8")
    return record


def searchable(site: Path, words: str) -> bool:
    """Whether Pagefind's index holds these words (its fragments are gzipped JSON)."""
    return any(words.encode() in gzip.decompress(p.read_bytes()) for p in (site / "pagefind").rglob("*.pf_fragment"))


@pytest.mark.slow
def test_a_rebuild_rewrites_only_what_changed(tmp_path):
    project = write_project(tmp_path / "project", ALL)
    site = project.site_dir
    first = build(project)
    assert first.ok and not first.up_to_date and first.changed == len(files(site))
    before = files(site)
    spare = publish.spare(site)
    assert not spare.exists()  # no site before the first

    again = build(project)
    assert again.ok and again.up_to_date and again.pages == first.pages
    assert files(site) == before, "an up-to-date site is left alone"

    # Without the record of the last build everything is derived and rendered again; nothing is
    # rewritten and search is not indexed again, because no byte changed.
    (project.cache_dir / "site-state.json").unlink()
    third = build(project)
    assert third.ok and not third.up_to_date and third.changed == 0
    assert files(site) == before
    assert spare.is_dir()  # the site replaced, kept to start the next build from (portal/publish.py)

    retitle(project, OLD_TITLE, NEW_TITLE)
    fourth = build(project)
    after = files(site)
    rewritten = {rel for rel in after if after[rel] != before.get(rel)}
    assert fourth.changed == len(rewritten)
    for code in ("en", "fr", "ar"):
        assert f"{code}/{TWINNING}" in rewritten
        assert NEW_TITLE in (site / code / TWINNING).read_text(encoding="utf-8")
    assert "assets/style.css" not in rewritten and "en/about/index.html" not in rewritten
    assert 0 < len(rewritten) < len(after) / 2
    assert searchable(site, NEW_TITLE) and not searchable(site, OLD_TITLE)
    same_as_clean_build(project, tmp_path)

    # A build that changes most files (every page's footer) keeps no spare: it would be a whole old
    # site's bytes, for a next build that would link nearly every file again anyway.
    again = build(project)  # after the clean build forgot the caches: Pagefind's bundles only
    assert again.ok and again.changed * 10 <= len(files(site)) and spare.is_dir()
    footer = project.templates_dir / "chrome" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Changed.</p></footer>"),
                      encoding="utf-8")
    fifth = build(project)
    assert fifth.ok and fifth.changed * 10 > len(files(site)) and not spare.exists()
    assert "Changed." in (site / "en" / "about" / "index.html").read_text(encoding="utf-8")


def side_by_side_build(project, monkeypatch) -> dict:
    """A build forced to make its languages side by side (two processes), with what it told the
    progress display and which way it took."""
    from portal import editions

    made_by, told = [], []
    original = editions.Editions._side_by_side

    def side_by_side(self, compilation, processes, *args):
        made_by.append(processes)
        return original(self, compilation, processes, *args)

    monkeypatch.setattr(editions.Editions, "_side_by_side", side_by_side)
    start = time.perf_counter()
    result = build(project, workers=2, progress=lambda stage, done=None, total=None: told.append((stage, done, total)))
    return {"ok": result.ok, "pages": result.pages, "changed": result.changed, "made_by": made_by,
            "renders": [[done, total] for stage, done, total in told if stage == "render" and done is not None],
            "timings": result.timings, "took": time.perf_counter() - start}


@pytest.mark.slow
@forks
def test_languages_made_side_by_side_give_a_clean_build_and_its_edits(tmp_path, monkeypatch):
    """A large site in several languages is derived, rendered and indexed one language per core, in
    forked processes side by side (portal/editions.py); forced here on the sample with two workers.
    The first build and an edit's are byte for byte a clean build's made one language after
    another; the edit rewrites a part of the site, search finds the new title online and from disk
    in every language, the progress display counts every page, and the stages' timings add up to
    no more than the build took."""
    from site_helpers import offline_documents

    project = write_project(tmp_path / "project", ALL)
    site = project.site_dir
    first = side_by_side_build(project, monkeypatch)
    assert first["ok"] and first["made_by"] == [2]
    renders = first["renders"]
    assert renders[-1] == [first["pages"], first["pages"]] and len(renders) >= 2, renders
    timings = first["timings"]
    assert {"derive", "render", "index"} <= set(timings) and all(v >= 0 for v in timings.values())
    assert sum(timings.values()) <= first["took"]
    same_as_clean_build(project, tmp_path)

    assert build(project).ok  # the clean build forgot the caches: Pagefind's bundles only
    before = files(site)
    retitle(project, OLD_TITLE, NEW_TITLE)
    edited = side_by_side_build(project, monkeypatch)
    assert edited["ok"] and edited["made_by"] == [2]
    after = files(site)
    rewritten = {rel for rel in after if after[rel] != before.get(rel)}
    assert 0 < edited["changed"] == len(rewritten) < len(after) / 2
    languages = [path.name for path in site.iterdir() if (path / "search" / "offline-index.js").is_file()]
    assert len(languages) == 6
    for code in languages:
        assert NEW_TITLE in (site / code / TWINNING).read_text(encoding="utf-8")
        titles = [doc.get("title", "") for doc in offline_documents(site, code)[1]]
        assert NEW_TITLE in titles and OLD_TITLE not in titles, code
    assert searchable(site, NEW_TITLE) and not searchable(site, OLD_TITLE)
    same_as_clean_build(project, tmp_path)


@pytest.mark.slow
def test_removed_records_and_tampered_files_are_put_right(tmp_path):
    project = write_project(tmp_path / "project", ALL)
    site = project.site_dir
    assert build(project).ok
    (project.content_dir / "initiatives" / "examination-twinning.md").unlink()
    assert build(project).ok
    assert not (site / "en" / TWINNING).exists() and not (site / "en" / TWINNING).parent.exists()
    assert not searchable(site, OLD_TITLE)
    same_as_clean_build(project, tmp_path)

    # A file removed or edited by hand in site/: the site is no longer what the build made.
    (site / "en" / "about" / "index.html").unlink()
    (site / "assets" / "style.css").write_text("/* edited by hand */", encoding="utf-8")
    before = files(site)
    result = build(project)
    assert result.ok and not result.up_to_date
    after = files(site)
    rewritten = {rel for rel in after if after[rel] != before.get(rel) and not rel.startswith("pagefind/")}
    assert rewritten == {"en/about/index.html", "assets/style.css"}
    same_as_clean_build(project, tmp_path)


@pytest.mark.slow
def test_every_input_decides_whether_the_site_is_up_to_date(tmp_path):
    project = write_project(tmp_path / "project", ALL)
    assert build(project).ok
    assert build(project).up_to_date
    for path, edit in ((project.templates_dir / "about.html", "<!-- a template comment -->\n"),
                       (project.data_dir / "vocabularies.yml", "\n"),
                       (project.root / "site.toml", '[site]\nlanguages = ["en", "fr"]\n')):
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(old + edit, encoding="utf-8")
        assert not build(project).up_to_date, path.name
        assert build(project).up_to_date, path.name
    # Python's own byte-code files are not inputs: they come and go as the interpreter pleases.
    pyc = Path(uptodate.__file__).parent / "__pycache__" / "written-by-a-test.pyc"
    pyc.parent.mkdir(exist_ok=True)
    try:
        pyc.write_bytes(b"\0")
        assert build(project).up_to_date
    finally:
        pyc.unlink()
    assert not build(project, use_cache=False).up_to_date  # no cache: everything is done again
    assert not build(project).up_to_date  # ... and it left no record that could be stale


NO_STAGES = """
import sys
from portal.cli import main
code = main(sys.argv[1:])
stages = sorted(m for m in ("portal.pipeline", "portal.pages", "portal.kinds", "portal.render", "portal.load")
                if m in sys.modules)
print("loaded:", ",".join(stages) or "none")
sys.exit(code)
"""


def command_line_build(project) -> str:
    """`build` as run from the command line, in a process of its own: its output, and last the stages
    it loaded."""
    done = subprocess.run([sys.executable, "-c", NO_STAGES, "--root", str(project.root), "build"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_command_line_answers_a_no_op_build_without_loading_the_stages(tmp_path):
    """The commonest build of all has nothing to do: the command line asks whether site/ is up to date
    before it loads the stages (a third of a second), and says what the build that made site/ said."""
    project = write_project(tmp_path / "project", ALL)
    first = command_line_build(project)
    assert "Built " in first and "Time by stage: check " in first
    assert "loaded: portal.kinds,portal.load,portal.pages,portal.pipeline,portal.render" in first
    made = build(project)  # the same inputs: what the command line built is what the build records
    assert made.up_to_date
    again = command_line_build(project)
    assert f"site/ is up to date: {made.pages} pages" in again and "loaded: none" in again
    assert again.split("site/ is up to date")[0] == first.split("Built ")[0]  # the same problems told

    retitle(project, OLD_TITLE, NEW_TITLE)  # an edit: the stages are loaded, and given the digest found
    edited = command_line_build(project)
    assert "Built " in edited and "portal.pipeline" in edited
    assert build(project).up_to_date  # the record saved is the digest of the inputs as edited
    assert NEW_TITLE in (project.site_dir / "en" / TWINNING).read_text(encoding="utf-8")


@pytest.mark.slow
def test_serve_rewrites_the_edited_page_first(tmp_path):
    project = write_project(tmp_path / "project", ALL)
    site = project.site_dir
    live = LiveSite(project)
    assert build(project, keep=live.keep).ok
    listing = (site / "en" / "initiatives" / "index.html").read_text(encoding="utf-8")

    record = retitle(project, OLD_TITLE, NEW_TITLE)
    edit = live.edited_pages([record])
    assert edit is not None
    assert edit.written == sorted(f"{code}/{TWINNING}" for code in ("ar", "en", "es", "fr", "ru", "zh"))
    page = (site / "en" / TWINNING).read_text(encoding="utf-8")
    assert NEW_TITLE in page and "livereload" not in page  # the server adds its script as it answers
    # the rest waits for the full build: the list still shows the old title
    assert (site / "en" / "initiatives" / "index.html").read_text(encoding="utf-8") == listing

    # the page written first is the one the full build makes
    assert build(project, keep=live.keep).ok
    assert (site / "en" / TWINNING).read_text(encoding="utf-8") == page
    assert NEW_TITLE in (site / "en" / "initiatives" / "index.html").read_text(encoding="utf-8")

    # an edit with an error, or a change other than to record files, goes to the full build
    record.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    assert live.edited_pages([record]) is None
    assert NEW_TITLE in (site / "en" / TWINNING).read_text(encoding="utf-8")
    assert live.edited_pages([project.templates_dir / "record.html"]) is None
    assert live.edited_pages([project.content_dir / "initiatives" / "no-such-record.md"]) is None


@pytest.mark.slow
def test_serve_can_start_on_an_up_to_date_site(tmp_path):
    """No build runs then; `prepare` reads the content so that the first edit takes the short path."""
    project = write_project(tmp_path / "project", ALL)
    assert build(project).ok
    live = LiveSite(project)
    assert build(project, keep=live.keep).up_to_date and live.site is None
    assert live.prepare()
    edit = live.edited_pages([retitle(project, OLD_TITLE, NEW_TITLE)])
    assert edit is not None and f"en/{TWINNING}" in edit.written
    assert NEW_TITLE in (project.site_dir / "en" / TWINNING).read_text(encoding="utf-8")


def test_each_language_is_let_go_once_handed_to_its_renderers(tmp_path, monkeypatch):
    """The build derives a language's pages, hands them to the processes that render them and write
    their offline index, and derives the next: when it begins a language, no earlier language's pages
    are held any more (a six-language site holds one language's pages, not six)."""
    import weakref

    from portal.pages import Site

    project = write_project(tmp_path / "project", ALL)
    derived, alive_before = [], []
    original = Site.edition

    def edition(self, language, made=()):
        alive_before.append([ref().language.code for ref in derived if ref() is not None])
        made_now = original(self, language, made)
        derived.append(weakref.ref(made_now))
        return made_now

    monkeypatch.setattr(Site, "edition", edition)
    result = build(project)
    assert result.ok and len(derived) >= 3, len(derived)
    assert alive_before == [[]] * len(derived), alive_before
    assert all(ref() is None for ref in derived)


def test_an_edit_renders_only_the_pages_that_show_it(tmp_path, monkeypatch):
    """A page whose view is the same as in the last build, under the same templates, settings and code,
    is kept without being rendered (portal/rendered.py): an edit renders the pages that show what
    changed, and the site is still byte for byte a clean build's."""
    import jinja2

    from portal import rendered as record
    from portal.pipeline import build_date

    project = write_project(tmp_path / "project", ALL)
    assert build(project).ok
    pages = {rel for rel in files(project.site_dir) if rel.endswith(".html")}
    rendered: list[str] = []
    original = jinja2.Template.render

    def render(self, *args, **kwargs):
        if kwargs.get("out_path") in pages:  # a page, not a card or a block shared by pages at one depth
            rendered.append(kwargs["out_path"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    # Built again with every input the same, past the up-to-date check: no page of a language is
    # rendered (the root's two pages and the case studies' printable page always are).
    (project.cache_dir / "site-state.json").unlink()
    assert build(project).ok
    always = {"index.html", "404.html", *(r for r in rendered if r.endswith("/case-studies/compilation/index.html"))}
    assert set(rendered) <= always and len(always) <= 3, rendered

    rendered.clear()
    retitle(project, OLD_TITLE, NEW_TITLE)
    assert build(project).ok
    again = set(rendered) - always
    languages = {rel.split("/", 1)[0] for rel in pages if "/" in rel}
    assert {f"{code}/{TWINNING}" for code in languages} <= again  # the record's page, in every language
    assert {f"{code}/initiatives/index.html" for code in languages} <= again  # its list shows its title
    assert not {rel for rel in again if rel.endswith("/about/index.html") or "/consultants/" in rel}, again
    assert len(again) < len(pages) / 4, (len(again), len(pages))

    # What every page shares is in the basis: a template, the site folder or the build date changed,
    # the record is not used, and every page is rendered again.
    today = build_date()
    basis = record.basis(project, project.site_dir, today)
    assert record.load(project, basis) and record.basis(project, project.site_dir, today) == basis
    assert record.basis(project, tmp_path / "elsewhere", today) != basis
    assert record.basis(project, project.site_dir, today + dt.timedelta(days=1)) != basis
    footer = project.templates_dir / "chrome" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not record.load(project, record.basis(project, project.site_dir, today))
    footer.write_text(footer.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    same_as_clean_build(project, tmp_path)  # what was kept and what was rendered: a clean build's bytes
