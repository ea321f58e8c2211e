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
