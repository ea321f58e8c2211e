"""Stage 4, render: view models through Jinja templates into a staging folder. Autoescaping and
StrictUndefined are on; the only HTML that is not escaped is sanitized Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
from markupsafe import Markup

from .config import SiteConfig

NAV = (
    ("activities", "Activities", "activities/index.html"),
    ("consultants", "Consultants", "consultants/index.html"),
    ("needs", "Needs", "needs/index.html"),
    ("offers", "Offers", "offers/index.html"),
    ("matches", "Matches", "matches/index.html"),
    ("case-studies", "Case studies", "case-studies/index.html"),
    ("initiatives", "Initiatives", "initiatives/index.html"),
)
BROWSE = (
    ("countries", "Countries", "countries/index.html"),
    ("regions", "Regions", "regions/index.html"),
    ("topics", "Topics", "topics/index.html"),
    ("data", "Open data", "data/index.html"),
    ("about", "About", "about/index.html"),
    ("contribute", "Contribute", "contribute/index.html"),
)


def relative(target: str, page_path: str) -> str:
    """A link from one page to a site path: up to the site root, then down. Relative, so the site
    works from disk and under any base path; and the same from every page of one depth, so a
    rendered card can be reused across pages."""
    if not target or "://" in target or target.startswith(("mailto:", "#")):
        return target
    return "../" * page_path.count("/") + target


@jinja2.pass_context
def _href(context, target: str | None) -> str:
    return relative(target or "", context["page"].path)


class _CardCache:
    """A card (a record in a list) renders to the same HTML on every page of the same depth;
    records appear on many lists (collection, facets, countries, regions, topics), so render once."""

    def __init__(self, env: jinja2.Environment):
        self.template = env.get_template("card.html")
        self.cache: dict = {}

    @jinja2.pass_context
    def __call__(self, context, card, level: int = 3):
        depth = context["page"].path.count("/")
        key = (card, level, depth)
        html = self.cache.get(key)
        if html is None:
            html = Markup(self.template.render(card=card, level=level, page=context["page"]))
            self.cache[key] = html
        return html


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
    env.globals["card_html"] = _CardCache(env)
    return env


def write_files(files: dict, out_dir: Path) -> None:
    """Outputs that are not pages (calendars): site path -> text, written as UTF-8 bytes as given."""
    for rel, content in files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


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
