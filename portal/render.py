"""Stage 4, render: view models through Jinja templates into a staging folder. Autoescaping and
StrictUndefined are on; the only HTML that is not escaped is sanitized Markdown."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import jinja2

from .config import SiteConfig

NAV = (
    ("activities", "Activities", "activities/index.html"),
    ("consultants", "Consultants", "consultants/index.html"),
    ("needs", "Needs", "needs/index.html"),
    ("offers", "Offers", "offers/index.html"),
    ("case-studies", "Case studies", "case-studies/index.html"),
    ("initiatives", "Initiatives", "initiatives/index.html"),
)
BROWSE = (
    ("countries", "Countries", "countries/index.html"),
    ("regions", "Regions", "regions/index.html"),
    ("topics", "Topics", "topics/index.html"),
    ("about", "About", "about/index.html"),
    ("contribute", "Contribute", "contribute/index.html"),
)


def relative(target: str, page_path: str) -> str:
    """A link from one page to a site path, relative so the site works from disk and under any base path."""
    if not target or "://" in target or target.startswith(("mailto:", "#")):
        return target
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(page_path) or ".")
    return rel + ("#" + fragment if fragment else "")


@jinja2.pass_context
def _href(context, target: str | None) -> str:
    return relative(target or "", context["page"].path)


def environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = _href
    return env


def render_pages(pages, config: SiteConfig, templates_dir: Path, out_dir: Path, live_reload: bool = False) -> int:
    env = environment(templates_dir)
    common = {"site": config, "nav": NAV, "browse": BROWSE, "live_reload": live_reload}
    written = 0
    for page in pages:
        html = env.get_template(page.template).render(page=page, view=page.view, **common)
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written += 1
    static = templates_dir / "static"
    if static.is_dir():
        ignore = None if live_reload else shutil.ignore_patterns("livereload.js")
        shutil.copytree(static, out_dir / "assets", dirs_exist_ok=True, ignore=ignore)
    return written
