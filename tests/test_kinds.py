"""The registry of record kinds: a kind is one declaration that every stage reads. A throwaway
kind, declared here with one template, is loaded, validated, listed, paged, indexed by country,
exported and searched like the shipped ones, without any other change to the code."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from portal.fields import Country, Date, Field, Text
from portal.formats import record_format
from portal.i18n import N_, _, ngettext
from portal.kinds import BY_COLLECTION, BY_NAME, KINDS, Kind
from portal.kinds.common import region_facet, year_facet
from portal.pipeline import build, check
from portal.views import Fact, Item
from portal.wording import dates

ROOT = Path(__file__).resolve().parent.parent


def _event_view(r, ctx) -> dict:
    return dict(title=r.title, subtitle=tuple(dates(r.start, None)), summary=None,
                facts=(Fact(_("Country"), (ctx.country(r.country),)),))


EVENT = Kind(
    "event", "events", ".yml", "event", "events", "start", record_format("Event", [
        Field("title", Text(200), "Name of the event.", required=True),
        Field("description", Text(2000, markdown=True), "What it is about (Markdown).", required=True),
        Field("country", Country(), "Where it takes place.", required=True),
        Field("start", Date(), "First day.", required=True),
    ], ("title", "description")),
    one=N_("Event"), heading=N_("Events"), counted=lambda n: ngettext("event", "events", n),
    count=lambda n: ngettext("%(num)s event", "%(num)s events", n),
    intro=N_("Events on South-South cooperation."), nav_position=8,
    texts={"title": "title", "body": "description"},
    countries=lambda r, catalog=None: (r.country,), topics=lambda r, catalog=None: (),
    card=lambda r, ctx: ([*dates(r.start, None), Item(ctx.cname(r.country))], ""),
    view=_event_view, template="event.html",
    facets=(region_facet(lambda r, catalog=None: (r.country,)), year_facet("start")),
)

EVENT_TEMPLATE = """{% extends "record.html" %}
{% block main %}<p class="event-banner">An event</p>{{ super() }}{% endblock %}
"""

EVENT_FILE = """title: Regional forum on patent examination
description: |
  Examiners from **three offices** compare their practice.
country: KEN
start: "2026-03-10"
"""


def test_a_throwaway_kind_is_built_like_the_others(make_project, tmp_path):
    project = make_project({
        "content/events/patent-forum-nairobi.yml": EVENT_FILE,
        "content/events/bad-event.yml": "title: No date\ndescription: x\ncountry: KEN\n",
        "templates/event.html": EVENT_TEMPLATE,
        "site.toml": '[site]\nlanguages = ["en", "fr"]\n',
    })
    with KINDS.adding(EVENT):
        assert BY_NAME["event"] is EVENT and BY_COLLECTION["events"] is EVENT
        checked = check(project)
        assert [p.code for p in checked.report.problems] == ["required"]  # the format is the declaration's
        assert "bad-event" in checked.report.problems[0].path
        (project.content_dir / "events" / "bad-event.yml").unlink()
        result = build(project, site_dir=tmp_path / "site", use_cache=False)
        assert result.ok, [p.headline() for p in result.report.sorted()]
        assert result.figures["events"] == 1
    site = tmp_path / "site"
    for lang in ("en", "fr"):
        page = (site / lang / "events/patent-forum-nairobi/index.html").read_text(encoding="utf-8")
        assert 'class="event-banner"' in page and "Regional forum on patent examination" in page
        assert "<strong>three offices</strong>" in page
        listing = (site / lang / "events/index.html").read_text(encoding="utf-8")
        assert "events/patent-forum-nairobi/index.html" in listing
        assert (site / lang / "events/year/2026/index.html").is_file()  # its facets
        assert "events/patent-forum-nairobi/index.html" in (site / lang / "countries/ken/index.html").read_text(
            encoding="utf-8")
        assert 'href="../events/index.html"' in (site / lang / "about/index.html").read_text(encoding="utf-8")  # navigation
    exported = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in exported["records"]] == ["patent-forum-nairobi"]
    assert (site / "data/schemas/records/event.schema.json").is_file()
    assert "Regional forum on patent examination" in (site / "en/search/offline-index.js").read_text(encoding="utf-8")
    assert "event" not in BY_NAME and len(KINDS) == 7  # the registry is as it was


def test_no_stage_asks_a_kind_by_its_name():
    """Outside the registry, no module compares a kind's name (or a collection's) with a string: each
    asks the record's declaration."""
    names = {k.name for k in KINDS} | {k.collection for k in KINDS}
    found = []
    for path in sorted((ROOT / "portal").rglob("*.py")):
        if "kinds" in path.relative_to(ROOT / "portal").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                values = [node.left, *node.comparators]
                literals = [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
                literals += [e.value for v in values if isinstance(v, (ast.Tuple, ast.List, ast.Set))
                             for e in v.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if names & set(literals):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
