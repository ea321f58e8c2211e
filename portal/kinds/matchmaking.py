"""Needs and offers for matchmaking (modelled on WIPO Match): two kinds of one shape, a need
posted by a seeker and an offer posted by a provider."""

from __future__ import annotations

from .. import rules
from ..fields import Code, Date, Field, ListOf, Text
from ..formats import LANGUAGES, ORGANIZATION, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext
from ..views import Fact, Item
from ..paths import CALENDAR
from ..wording import dates, format_date, when
from .common import region_facet, topic_facet, vocabulary_facet
from .kind import Kind


def _fields(poster: str, help_text: str) -> list[Field]:
    return [
        Field("title", Text(200), "Short statement of the need or offer.", required=True),
        Field("description", Text(5000, markdown=True), "What is needed or offered, and the context (Markdown).",
              required=True),
        Field(poster, ORGANIZATION, help_text, required=True),
        Field("topics", TOPICS, "IP subject areas concerned.", required=True, example=["patents"]),
        Field("support_types", ListOf(Code("support-types"), min_items=1, max_items=3),
              "Kinds of support sought or offered.", required=True, example=["technical"]),
        Field("languages", LANGUAGES, "Languages the work can be done in (ISO 639-1).", required=True, example=["en"]),
        Field("posted", Date(), "Date it was posted.", required=True),
        Field("expires", Date(), "Date after which it should no longer be listed as open.", not_before="posted"),
        Field("status", Code("matchmaking-statuses"), "Open, matched or closed.", required=True, example="open"),
        SOURCES,
    ]


def matchmaking_kind(name: str, collection: str, poster: str, poster_help: str, *, one: str, heading: str,
                     counted, count, intro: str, nav_position: int, poster_label: str, expired_notice: str,
                     suggestions, list_links: tuple = ()) -> Kind:
    """A need or an offer. `poster`: the field naming who posted it; `suggestions(record, ctx)`: the
    suggested matches its page lists."""
    fmt = record_format(name.capitalize(), _fields(poster, poster_help), ("title", "description"))

    def org(r):
        return getattr(r, poster)

    def countries(r, catalog=None) -> tuple:
        return (org(r).country,) if org(r).country else ()

    def card(r, ctx):
        status = _("Expired") if ctx.expired(r) else ctx.label("matchmaking-statuses", r.status)
        meta = [Item(status), Item(org(r).name), *dates(r.posted, None)]
        return meta, _(", ").join(ctx.label("support-types", s) for s in r.support_types)

    def view(r, ctx) -> dict:
        expired = ctx.expired(r)
        status = ctx.label("matchmaking-statuses", r.status)
        o = org(r)
        facts = [
            Fact(_("Status"), (Item(_("Expired (was %(status)s)", status=status) if expired else status),)),
            Fact(_(poster_label), (Item(o.name, note=ctx.label("organization-types", o.type)),)
                 + ((ctx.country(o.country),) if o.country else ())),
            Fact(_("Topics"), tuple(ctx.topic(t) for t in r.topics)),
            Fact(_("Support"), tuple(Item(ctx.label("support-types", s)) for s in r.support_types)),
            Fact(_("Languages"), ctx.languages(r.languages)),
            Fact(_("Posted"), (when(r.posted),)),
        ]
        if r.expires:
            facts.append(Fact(_("Expired on") if expired else _("Open until"), (when(r.expires),)))
        facts += [f for f in (ctx.sources(r.sources),) if f]
        notice = _(expired_notice, date=format_date(r.expires)) if expired else ""
        found = dict(title=r.title, subtitle=(Item(_("Expired") if expired else status), Item(o.name)),
                     summary=None, facts=tuple(facts), notice=notice,
                     sections=tuple(ctx.match_sections((name, r.id))))
        listed = suggestions(r, ctx)
        if listed is not None:
            found["suggestions"] = listed
        return found

    def party(r, ctx):
        o = org(r)
        return (Item(o.name + (_(", ") + ctx.cname(o.country) if o.country else "")),)

    def search_filters(r, ctx) -> list:
        return ([("language", ctx.label("languages", c)) for c in r.languages]
                + [("status", ctx.label("matchmaking-statuses", r.status))])

    return Kind(
        name, collection, ".yml", name, collection, "posted", fmt,
        one=one, heading=heading, counted=counted, count=count, intro=intro, nav_position=nav_position,
        texts={"title": "title", "body": "description"},
        countries=countries, card=card, view=view, party=party, search_filters=search_filters,
        facets=(vocabulary_facet("status", N_("Status"), "matchmaking-statuses", lambda r: (r.status,)),
                region_facet(countries), topic_facet(lambda r, catalog: r.topics),
                vocabulary_facet("support", N_("Support type"), "support-types", lambda r: r.support_types)),
        list_links=list_links,
        rules=(rules.check_poster_country, rules.check_expiry),
    )


def _need_suggestions(r, ctx):
    if r.id not in ctx.lookup.suggestions.for_need:  # open, unexpired and not yet matched
        return None
    offers, consultants = ctx.lookup.suggestions.for_need[r.id]
    return (
        ctx.suggestion_list("suggested-offers", _("Suggested offers"), _("Offers on the portal that could "
                            "meet this need, best first."), offers, _("No open offer fits this need yet.")),
        ctx.suggestion_list("suggested-consultants", _("Suggested consultants"), _("Roster consultants whose "
                            "expertise fits this need, best first."), consultants,
                            _("No consultant on the roster fits this need yet.")),
    )


def _offer_suggestions(r, ctx):
    if r.status != "open" or ctx.expired(r):
        return None
    return (ctx.suggestion_list(
        "suggested-needs", _("Needs it could serve"), _("Open needs that this offer could meet, best first."),
        ctx.lookup.suggestions.for_offer.get(r.id, ()), _("No open need fits this offer at the moment.")),)


NEED = matchmaking_kind(
    "need", "needs", "seeker", "The organization that posts the need.",
    one=N_("Need"), heading=N_("Needs"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("need", "needs", n),
    count=lambda n: ngettext("%(num)s need", "%(num)s needs", n),
    intro=N_("IP-related development needs posted by offices and institutions of the South, looking for support."),
    nav_position=3, poster_label=N_("Posted by"),
    expired_notice=N_("This need expired on %(date)s and is no longer suggested to others. If it is still current, "
                      "its poster can renew it."),
    suggestions=_need_suggestions,
    list_links=((N_("Calendar of open needs' closing dates (.ics)"), CALENDAR),))
OFFER = matchmaking_kind(
    "offer", "offers", "provider", "The organization that offers the resource.",
    one=N_("Offer"), heading=N_("Offers"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("offer", "offers", n),
    count=lambda n: ngettext("%(num)s offer", "%(num)s offers", n),
    intro=N_("Resources offered by providers: training, expertise, funding and partnerships."),
    nav_position=4, poster_label=N_("Offered by"),
    expired_notice=N_("This offer expired on %(date)s and is no longer suggested to others. If it is still current, "
                      "its poster can renew it."),
    suggestions=_offer_suggestions)
