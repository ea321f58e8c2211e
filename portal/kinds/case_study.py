"""Case studies: how intellectual property served development in a country, with lessons."""

from __future__ import annotations

from ..fields import Country, Date, Field, ListOf, Text
from ..formats import ORGANIZATION, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext
from ..paths import COMPILATION, PDF
from ..views import Fact, Item
from ..wording import dates, when
from .common import organization_countries, region_facet, topic_facet, unique, year_facet
from .kind import Kind

FORMAT = record_format("CaseStudy", [
    Field("title", Text(200), "Title of the case study.", required=True),
    Field("summary", Text(600), "Two or three sentences: what happened and why it matters.", required=True),
    Field("countries", ListOf(Country(), min_items=1, max_items=20), "Countries the story is about.",
          required=True),
    Field("topics", TOPICS, "IP subject areas.", required=True, example=["geographical-indications"]),
    Field("year", Date(), "Year (or date) the story is told as of.", required=True),
    Field("organizations", ListOf(ORGANIZATION, max_items=20), "Organizations involved."),
    SOURCES,
], ("title", "summary"), body=True)


def countries(r, catalog=None) -> tuple:
    return unique(r.countries)


def card(r, ctx):
    return [Item(_(", ").join(ctx.cname(c) for c in r.countries)), *dates(r.year, None)], r.summary


def view(r, ctx) -> dict:
    facts = [
        Fact(_("Countries"), tuple(ctx.country(c) for c in r.countries)),
        Fact(_("Topics"), tuple(ctx.topic(t) for t in r.topics)),
        Fact(_("As of"), (when(r.year),)),
    ]
    facts += [f for f in (ctx.organizations(_("Organizations"), r.organizations), ctx.sources(r.sources)) if f]
    return dict(title=r.title, subtitle=(Item(_(", ").join(ctx.cname(c) for c in r.countries)),),
                summary=r.summary, facts=tuple(facts))


def jsonld(r, ctx, title: str, summary: str) -> dict:
    """A case study is a schema.org Article."""
    return {"@type": "Article", "headline": title, "description": summary, "datePublished": r.year.iso,
            "about": [{"@type": "Country", "name": ctx.cname(c)} for c in r.countries],
            "keywords": [ctx.label("topics", t) for t in r.topics]}


CASE_STUDY = Kind(
    "case-study", "case-studies", ".md", "case study", "case studies", "year", FORMAT,
    one=N_("Case study"), heading=N_("Case studies"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("case study", "case studies", n),
    count=lambda n: ngettext("%(num)s case study", "%(num)s case studies", n),
    intro=N_("How intellectual property served development, told country by country, with lessons."),
    nav_position=6,
    texts={"title": "title", "summary": "summary", "body": "body"},
    countries=countries,
    also_named=lambda r: organization_countries(r.organizations),
    card=card, view=view, jsonld=jsonld,
    facets=(region_facet(countries), topic_facet(lambda r, catalog: r.topics), year_facet("year")),
    list_links=((N_("All case studies on one printable page"), COMPILATION), (N_("… or as a PDF"), PDF)),
    body_template="## Background\n\n{todo} The situation before.\n\n## What was done\n\n{todo} The steps taken.\n\n"
                  "## Results and lessons\n\n{todo} What changed, and what others can learn.\n",
)
