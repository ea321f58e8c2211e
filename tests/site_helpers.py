"""Building sites for tests, and reading their HTML."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

from portal.pipeline import build
from portal.project import Project

ROOT = Path(__file__).resolve().parent.parent


def build_real_site(site_dir: Path, **kwargs):
    result = build(Project(ROOT), site_dir=site_dir, **kwargs)
    assert result.ok, [p.headline() for p in result.report.sorted()]
    return result


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
