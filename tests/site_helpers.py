"""Building sites for tests, and reading their HTML."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

from portal import forking
from portal.pipeline import build
from portal.project import Project

ROOT = Path(__file__).resolve().parent.parent


def forks(test):
    """A test that needs this process to fork. Forking is refused while another thread runs
    (forking.can_fork), and a session of tests may have some (the browser tests' servers, left
    running): the work would then run in this process, and a test of forked work would test the
    fallback. Such a test runs here when this process can fork, else on its own in a fresh
    interpreter, and must pass there; either way it first checks that forking is possible."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        if threading.active_count() == 1:
            assert forking.can_fork(), "this system cannot fork"
            return test(*args, **kwargs)
        path = Path(test.__code__.co_filename).resolve()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               f"{path}::{test.__name__}"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    return run


def real_project(cache_dir: Path) -> Project:
    """The checkout's own content, data and templates, with the build's cache kept in `cache_dir`:
    tests read the checkout and never write into it (tests/test_hygiene.py checks)."""
    return Project(ROOT, cache_dir=cache_dir)


def build_real_site(site_dir: Path, **kwargs):
    """The shipped content built into `site_dir`; its cache goes beside it, in `site_dir`'s parent."""
    result = build(real_project(site_dir.parent / "cache"), site_dir=site_dir, **kwargs)
    assert result.ok, [p.headline() for p in result.report.sorted()]
    return result


def derive_shipped_default_language():
    """The shipped content checked and derived in its default language, as the build derives it:
    (project, the check's result, the language, the derived site)."""
    from portal.i18n import load_language
    from portal.pages import Site, derive
    from portal.pipeline import check

    project = Project(ROOT)
    checked = check(project)
    assert checked.catalog is not None, [p.headline() for p in checked.report.errors]
    language = load_language(checked.config.languages[0], project.locale_dir)
    site = Site(checked.catalog, checked.config, checked.today, [language])
    return project, checked, language, derive(site, [language])


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))

    handle_startendtag = handle_starttag


def script_value(text: str):
    """The value a generated index script gives JSON.parse (portal/escaping.py::script_json_parse):
    its single-quoted string, in which every backslash escapes the character after it."""
    quoted = text.split("JSON.parse('", 1)[1].rsplit("')", 1)[0]
    return json.loads(re.sub(r"\\(.)", lambda m: m.group(1), quoted))


def offline_documents(site: Path, code: str) -> tuple[dict, list[dict]]:
    """A language's offline index (<code>/search/offline-index.js) and its documents as records:
    {field: value, "text": the excerpt text from the texts' files}, filter values by number."""
    folder = site / code / "search"
    data = script_value((folder / "offline-index.js").read_text(encoding="utf-8"))
    texts = []
    for g in range(-(-len(data["documents"]) // data["texts"])):
        texts += script_value((folder / f"offline-text-{g}.js").read_text(encoding="utf-8"))
    assert len(texts) == len(data["documents"])
    return data, [dict(zip(data["fields"], row), text=text) for row, text in zip(data["documents"], texts)]


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.elements


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_pdf_sections(pdf: Path, titles: list[str]):
    """Every title is in the PDF's text and is one of its bookmarks, spaces and all (a title that
    wraps onto two lines must not lose the space at the line break)."""
    import pypdf

    reader = pypdf.PdfReader(pdf)
    text = _words(" ".join(page.extract_text() or "" for page in reader.pages))
    bookmarks = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            bookmarks.append(_words(item.title))
    for title in titles:
        assert _words(title) in text, title
        assert _words(title) in bookmarks, (title, bookmarks)
    assert len(reader.pages) >= len(titles) + 1  # each study on pages of its own, after the contents
    return reader


# The checkout's folders that builds write and that no test may touch (tests/test_hygiene.py).
WRITTEN_BY_BUILDS = (".cache", "site")


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`, the folder itself as "." (nothing when it does not exist): path ->
    (kind, size, modification time in ns). Reading a file changes none of it."""
    if not folder.exists():
        return {}
    out = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        st = path.lstat()
        kind = "dir" if path.is_dir() and not path.is_symlink() else "file"
        out[path.relative_to(folder).as_posix()] = (kind, st.st_size if kind == "file" else 0, st.st_mtime_ns)
    return out


def snapshot_checkout(root: Path = ROOT) -> dict[str, dict]:
    return {name: snapshot(root / name) for name in WRITTEN_BY_BUILDS}


def changes(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """What differs between two `snapshot_checkout`s, one line a path: created, deleted or modified."""
    out = []
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name, {}), after.get(name, {})
        for rel in sorted(a.keys() | b.keys()):
            shown = name if rel == "." else f"{name}/{rel}"
            if rel not in a:
                out.append(f"created: {shown}")
            elif rel not in b:
                out.append(f"deleted: {shown}")
            elif a[rel] != b[rel]:
                out.append(f"modified: {shown}")
    return out
