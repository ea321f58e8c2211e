"""The roster of consultants from the South (modelled on WIPO's IP-ROC)."""

from __future__ import annotations

from .. import rules
from ..fields import Country, Date, Field, ListOf, Text, Url
from ..formats import LANGUAGES, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext, number
from ..views import Fact, Item, Section
from ..wording import when
from .activity import ACTIVITY
from .common import region_facet, topic_facet, vocabulary_facet
from .kind import Kind

CONSULTANT_NAME = "consultant"

FORMAT = record_format("Consultant", [
    Field("name", Text(120), "Name as the consultant wishes it published.", required=True),
    Field("nationality", Country(), "Country of nationality.", required=True),
    Field("position", Text(200), "Current position or affiliation, if the consultant wants it shown."),
    Field("languages", LANGUAGES, "Working languages (ISO 639-1).", required=True, example=["en"]),
    Field("expertise", TOPICS, "Areas of IP expertise.", required=True, example=["patents"]),
    Field("regions", ListOf(Country(), max_items=60), "Countries the consultant has worked in."),
    Field("biography", Text(3000, markdown=True), "Professional biography (Markdown). No e-mail or phone.",
          required=True),
    Field("profile", Url(), "A public profile page the consultant chose to share; the only contact route."),
    Field("listed", Date(), "Date the consultant joined the roster.", required=True),
    SOURCES,
], ("position", "biography"))


def countries(c, catalog=None) -> tuple:
    return (c.nationality,)


def topics(c, catalog=None) -> tuple:
    return c.expertise


def by_name(kind, records) -> list:
    """The roster is alphabetical."""
    return sorted(records, key=lambda r: (r.name.casefold(), r.id))


def card(c, ctx):
    meta = [Item(ctx.cname(c.nationality)), Item(_(", ").join(ctx.label("languages", code) for code in c.languages))]
    return meta, ctx.text(c, "position") if c.position else ""


def view(c, ctx) -> dict:
    facts = [Fact(_("Nationality"), (ctx.country(c.nationality),))]
    if c.position:
        position, lang = ctx.text(c, "position")
        facts.append(Fact(_("Position"), (Item(position, lang=lang),)))
    facts += [
        Fact(_("Languages"), ctx.languages(c.languages)),
        Fact(_("Expertise"), tuple(ctx.topic(t) for t in c.expertise)),
    ]
    if c.regions:
        facts.append(Fact(_("Countries worked in"), tuple(ctx.country(x) for x in c.regions)))
    facts.append(Fact(_("On the roster since"), (when(c.listed),)))
    contact = []
    if c.profile:
        contact.append(Item(_("Public profile"), c.profile))
    if ctx.config.roster_contact:
        contact.append(Item(_("Roster team: %(address)s", address=ctx.config.roster_contact),
                            f"mailto:{ctx.config.roster_contact}"))
    if contact:
        facts.append(Fact(_("Contact"), tuple(contact)))
    facts += [f for f in (ctx.sources(c.sources),) if f]
    activities = ctx.lookup.consultant_activities.get(c.id, [])
    sections = [Section("activities", _("Activities (%(count)s)", count=number(len(activities))),
                        ctx.cards(ACTIVITY, activities), empty=_("No activities recorded yet."))]
    sections += ctx.match_sections((CONSULTANT_NAME, c.id))
    suggestions = (ctx.suggestion_list("suggested-needs", _("Open needs matching this expertise"),
                                       _("Needs posted on the portal that this consultant could help with."),
                                       ctx.lookup.suggestions.for_consultant.get(c.id, ()),
                                       _("No open need matches this expertise at the moment.")),)
    return dict(title=c.name, subtitle=(Item(ctx.cname(c.nationality)),), summary=None,
                facts=tuple(facts), sections=tuple(sections), suggestions=suggestions)


def party(c, ctx):
    return (Item(ctx.cname(c.nationality)),)


CONSULTANT = Kind(
    CONSULTANT_NAME, "consultants", ".yml", "consultant", "consultants", "listed", FORMAT,
    one=N_("Consultant"), heading=N_("Consultants"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("consultant", "consultants", n),
    count=lambda n: ngettext("%(num)s consultant", "%(num)s consultants", n),
    intro=N_("Experts from developing countries, least developed countries and economies in transition, "
             "with their languages, areas of expertise and the activities they worked on."),
    nav_position=2,
    texts={"body": "biography"},
    title=lambda c: c.name,
    countries=countries, topics=topics, order=by_name,
    also_named=lambda c: list(c.regions),
    card=card, view=view, party=party,
    search_filters=lambda c, ctx: [("language", ctx.label("languages", code)) for code in c.languages],
    facets=(region_facet(countries), topic_facet(topics, N_("Expertise")),
            vocabulary_facet("language", N_("Language"), "languages", lambda c: c.languages)),
    rules=(rules.check_consultant,),
)
