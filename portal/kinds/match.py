"""Recorded matches: a need that found its partner, an offer or a roster consultant."""

from __future__ import annotations

from .. import rules
from ..fields import Code, Date, Field, Text
from ..formats import SOURCES, record_format
from ..i18n import N_, _, ngettext
from ..verdicts import BENEFICIARY, PROVIDER, Party
from ..views import Fact, Item
from ..wording import dates, when
from .common import modality_facet, organization_party, region_facet, unique, vocabulary_facet, year_facet
from .consultant import CONSULTANT
from .kind import Kind
from .matchmaking import NEED, OFFER

FORMAT = record_format("Match", [
    Field("title", Text(200), "One line on what was agreed, e.g. 'GI examiner training for Madagascar by OMPIC'.",
          required=True),
    Field("need", Text(80), "Id of the need (its file name in content/needs/ without '.yml').", required=True),
    Field("offer", Text(80), "Id of the offer that meets it, if an offer does (content/offers/); "
          "otherwise delete this line and give 'consultant'.", suggested=True),
    Field("consultant", Text(80), "Id of the roster consultant who meets it, if a consultant does."),
    Field("type", Code("support-types"), "Kind of match: financial support, technical support or a "
          "public-private partnership.", required=True, example="technical"),
    Field("date", Date(), "Date the parties agreed to work together.", required=True),
    Field("outcome", Text(3000, markdown=True), "What came of it so far (Markdown)."),
    SOURCES,
], ("title", "outcome"))

def parties(m, catalog):
    """The need, and the offer or consultant that met it (None for one that is missing)."""
    need = catalog.get(NEED.collection, m.need)
    other = catalog.get(OFFER.collection, m.offer) if m.offer else catalog.get(CONSULTANT.collection, m.consultant)
    return need, (OFFER if m.offer else CONSULTANT), other


def countries(m, catalog=None) -> tuple:
    """A match is about its parties' countries."""
    if catalog is None:
        return ()
    need, other_kind, other = parties(m, catalog)
    found = list(NEED.countries(need)) + (list(other_kind.countries(other)) if other else [])
    return unique(found)


def topics(m, catalog=None) -> tuple:
    need = catalog.get(NEED.collection, m.need) if catalog else None
    return need.topics if need else ()


def summary(m, ctx) -> str:
    need, _kind, other = parties(m, ctx.catalog)
    partner = other.provider.name if m.offer else other.name
    return _("%(seeker)s and %(partner)s", seeker=need.seeker.name, partner=partner)


def match_parties(m, catalog) -> list:
    """The seeker receives; the offer's provider or the consultant provides."""
    need, _kind, other = parties(m, catalog)
    found = [organization_party(need.seeker, BENEFICIARY)] if need else []
    if other is not None:
        found.append(organization_party(other.provider, PROVIDER) if m.offer
                     else Party(other.name, PROVIDER, other.nationality))
    return found


def card(m, ctx):
    return [Item(ctx.label("support-types", m.type)), *dates(m.date, None), Item(ctx.modality_label(MATCH, m))], \
        summary(m, ctx)


def view(m, ctx) -> dict:
    need, _kind, other = parties(m, ctx.catalog)
    facts = [Fact(_("Need"), (ctx.linked(NEED, need, note=need.seeker.name),))]
    if m.offer:
        facts.append(Fact(_("Offer"), (ctx.linked(OFFER, other, note=other.provider.name),)))
    else:
        facts.append(Fact(_("Consultant"), (ctx.linked(CONSULTANT, other),)))
    facts += [
        Fact(_("Match type"), (Item(ctx.label("support-types", m.type)),)),
        ctx.cooperation(MATCH, m),
        Fact(_("Agreed"), (when(m.date),)),
        Fact(_("Countries"), tuple(ctx.country(c) for c in countries(m, ctx.catalog))),
    ]
    return dict(title=m.title, subtitle=(Item(ctx.label("support-types", m.type)), *dates(m.date, None)),
                summary=summary(m, ctx), facts=tuple(facts))


MATCH = Kind(
    "match", "matches", ".yml", "match", "matches", "date", FORMAT,
    one=N_("Match"), heading=N_("Matches"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("match", "matches", n),
    count=lambda n: ngettext("%(num)s match", "%(num)s matches", n),
    intro=N_("Needs that found their partner: an offer or a roster consultant agreed to work with the seeker."),
    nav_position=5,
    texts={"title": "title", "body": "outcome"},
    countries=countries, topics=topics,
    card=card, view=view,
    facets=(vocabulary_facet("support", N_("Match type"), "support-types", lambda m: (m.type,)),
            modality_facet(lambda: MATCH),
            region_facet(countries), year_facet("date")),
    parties=match_parties, modality_note=N_("from the parties' countries on the match date"),
    rules=(rules.check_match,),
    references={"need": "needs", "offer": "offers", "consultant": "consultants"},
)
