"""South-South and triangular partnership initiatives, contributed by their partners."""

from __future__ import annotations

from .. import rules
from ..fields import Code, Country, Date, Email, Field, ListOf, Obj, Text, Url
from ..formats import SOURCE, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext
from ..paths import country_path
from ..verdicts import BENEFICIARY, MEMBER, PROVIDER, SUPPORTER
from ..views import Fact, Item
from ..wording import dates, format_date, when
from .common import modality_facet, organization_party, region_facet, topic_facet, unique, vocabulary_facet
from .kind import Kind

FORMAT = record_format("Initiative", [
    Field("title", Text(200), "Name of the partnership.", required=True),
    Field("kind", Code("initiative-kinds"), "south-south: developing countries only; triangular: supported by a "
          "developed country or an international organization.", required=True, example="south-south"),
    Field("status", Code("initiative-statuses"), "Planned, ongoing or completed.", required=True, example="ongoing"),
    Field("summary", Text(600), "Two or three sentences on what the partnership does.", required=True),
    Field("start", Date(), "When the partnership started.", required=True),
    Field("end", Date(), "When it ended or is planned to end.", not_before="start"),
    Field("partners", ListOf(Obj("Partner", [
        Field("name", Text(200), "Organization name.", required=True),
        Field("type", Code("organization-types"), "Kind of organization.", required=True, example="ip-office"),
        Field("country", Country(), "Country; required unless the partner is an international organization (igo).",
              suggested=True),
        Field("role", Code("partner-roles"), "beneficiary, provider (pivotal partner), facilitator, or member (of a "
              "network, both giving and receiving).", required=True, example="provider"),
        Field("joined", Date(), "When the partner joined, for members of a network."),
    ]), min_items=2, max_items=40), "Every partner with its role.", required=True),
    Field("topics", TOPICS, "IP subject areas.", required=True, example=["patents"]),
    Field("links", ListOf(SOURCE, max_items=20), "Web pages about the initiative."),
    Field("contact", Obj("Contact", [
        Field("name", Text(200), "Team or office to contact, not a private person.", required=True),
        Field("email", Email(), "Role e-mail address of that team."),
        Field("url", Url(), "Contact page."),
    ]), "How to reach the partnership: a role address or contact page, never a personal one."),
    Field("submitted", Date(), "Date the record was first submitted.", required=True),
    Field("reviewed", Date(), "Date the record was last checked by its partners.", not_before="submitted"),
    SOURCES,
], ("title", "summary"), body=True)

ROLES = ("provider", "member", "beneficiary", "facilitator")
PARTIES = ("kind", "start", "partners")  # what the South-South rules read


def countries(r, catalog=None) -> tuple:
    return unique(p.country for p in r.partners if p.country)


ROLE_PARTIES = {"provider": PROVIDER, "beneficiary": BENEFICIARY, "facilitator": SUPPORTER, "member": MEMBER}


def parties(r, catalog=None) -> list:
    return [organization_party(p, ROLE_PARTIES[p.role]) for p in r.partners]


def card(r, ctx):
    meta = [Item(ctx.modality_label(INITIATIVE, r)), Item(ctx.label("initiative-statuses", r.status)),
            *dates(r.start, r.end)]
    return meta, r.summary


def view(r, ctx) -> dict:
    day = r.start.first_day
    roles = []
    for role in ROLES:
        partners = [p for p in r.partners if p.role == role]
        if not partners:
            continue
        items = []
        for p in partners:
            note = ctx.label("organization-types", p.type)
            if p.country:
                note = _("%(type)s, %(country)s (%(status)s)", type=note, country=ctx.cname(p.country),
                         status=ctx.status_note(p.country, day))
            if p.joined:
                note = _("%(partner)s; joined %(date)s", partner=note, date=format_date(p.joined))
            items.append(Item(p.name, country_path(p.country) if p.country in ctx.lookup.by_country else None, note=note))
        roles.append(Fact(ctx.label("partner-roles", role), tuple(items)))
    facts = [
        ctx.cooperation(INITIATIVE, r),
        Fact(_("Status"), (Item(ctx.label("initiative-statuses", r.status)),)),
        Fact(_("Period"), dates(r.start, r.end)),
        *roles,
        Fact(_("Topics"), tuple(ctx.topic(t) for t in r.topics)),
    ]
    if r.links:
        facts.append(Fact(_("Links"), tuple(Item(link.title, link.url) for link in r.links)))
    facts += [f for f in (ctx.sources(r.sources),) if f]
    if r.contact:
        items = [Item(r.contact.name)]
        if r.contact.email:
            items.append(Item(r.contact.email, f"mailto:{r.contact.email}"))
        if r.contact.url:
            items.append(Item(_("Contact page"), r.contact.url))
        facts.append(Fact(_("Contact"), tuple(items)))
    facts.append(Fact(_("Submitted"), (when(r.submitted),)))
    if r.reviewed:
        facts.append(Fact(_("Last reviewed"), (when(r.reviewed),)))
    return dict(title=r.title, subtitle=(Item(ctx.modality_label(INITIATIVE, r)),
                                         Item(ctx.label("initiative-statuses", r.status))),
                summary=r.summary, facts=tuple(facts))


def jsonld(r, ctx, title: str, summary: str) -> dict:
    """An initiative is a schema.org Project."""
    data = {"@type": "Project", "name": title, "description": summary, "foundingDate": r.start.iso,
            "member": [{"@type": "Organization", "name": p.name} for p in r.partners],
            "keywords": [ctx.label("topics", t) for t in r.topics]}
    if r.end:
        data["dissolutionDate"] = r.end.iso
    return data


INITIATIVE = Kind(
    "initiative", "initiatives", ".md", "initiative", "initiatives", "start", FORMAT,
    one=N_("Initiative"), heading=N_("Initiatives"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("initiative", "initiatives", n),
    count=lambda n: ngettext("%(num)s initiative", "%(num)s initiatives", n),
    intro=N_("South-South and triangular partnerships in intellectual property, contributed by their partners."),
    nav_position=7,
    texts={"title": "title", "summary": "summary", "body": "body"},
    countries=countries,
    updated=lambda r: r.reviewed or r.submitted,
    card=card, view=view, jsonld=jsonld,
    search_filters=lambda r, ctx: [("status", ctx.label("initiative-statuses", r.status))],
    facets=(modality_facet(lambda: INITIATIVE, "kind", N_("Kind")),
            vocabulary_facet("status", N_("Status"), "initiative-statuses", lambda r: (r.status,)),
            region_facet(countries), topic_facet(lambda r, catalog: r.topics)),
    parties=parties, declared_modality=lambda r: r.kind, modalities=("south-south", "triangular"),
    modality_note=N_("computed from the partners, their roles and their status on the start date"),
    # Both rules read only the kind, the start date and the partners: they run even when other fields
    # are wrong, so that every problem is told at once.
    rules=(rules.reading(PARTIES, rules.check_initiative), rules.reading(PARTIES, rules.check_modality)),
    references={},
    body_template="## The partnership\n\n{todo} Who works with whom, and why.\n\n"
                  "## Results\n\n{todo} What has changed so far.\n\n## Lessons\n\n{todo} What others can learn.\n",
)
