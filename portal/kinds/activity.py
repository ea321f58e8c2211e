"""Technical-assistance activities (modelled on WIPO's South-South IP-TAD)."""

from __future__ import annotations

from .. import rules
from ..fields import Code, Country, Date, Field, Integer, ListOf, Obj, Text
from ..formats import LANGUAGES, ORGANIZATION, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext, number
from ..paths import record_path
from ..views import Fact, Item
from ..wording import dates
from .common import organization_countries, region_facet, topic_facet, unique, vocabulary_facet, year_facet
from .kind import Kind

FORMAT = record_format("Activity", [
    Field("title", Text(200), "Name of the activity as its organizers announced it.", required=True),
    Field("description", Text(5000, markdown=True), "What happened, for whom, and what it achieved (Markdown).",
          required=True),
    Field("type", Code("activity-types"), "Kind of activity.", required=True, example="workshop"),
    Field("mode", Code("activity-modes"), "How participants took part.", required=True, example="in-person"),
    Field("topics", TOPICS, "IP subject areas covered.", required=True, example=["patents"]),
    Field("start", Date(), "First day of the activity.", required=True),
    Field("end", Date(), "Last day of the activity, if it lasted more than one day.", not_before="start"),
    Field("venue", Obj("Venue", [
        Field("city", Text(100), "City where it took place."),
        Field("country", Country(), "Country where it took place."),
    ]), "Where it took place; leave out for online activities."),
    Field("hosts", ListOf(Country(), min_items=1, max_items=10),
          "Host or provider countries: those that organized or delivered the activity.", required=True),
    Field("beneficiaries", ListOf(Obj("Beneficiary", [
        Field("country", Country(), "Beneficiary country.", required=True),
        Field("participants", Integer(0, 100_000), "Number of participants from this country, if known."),
    ]), min_items=1, max_items=60), "Countries whose officials or institutions benefited.", required=True),
    Field("languages", LANGUAGES, "Languages the activity was held in (ISO 639-1).", required=True,
          example=["en"]),
    Field("organizers", ListOf(ORGANIZATION, max_items=20), "Organizations that organized or funded it."),
    Field("requester", Text(200), "Who asked for the activity, e.g. the beneficiary IP office."),
    Field("consultants", ListOf(Text(80), max_items=30), "Ids of roster consultants who worked on it."),
    SOURCES,
], ("title", "description"))


def countries(a, catalog=None) -> tuple:
    return unique(list(a.hosts) + [b.country for b in a.beneficiaries]
                  + ([a.venue.country] if a.venue and a.venue.country else []))


def card(a, ctx):
    meta = [Item(ctx.label("activity-types", a.type)), *dates(a.start, a.end)]
    place = a.venue.city if a.venue and a.venue.city else None
    where = _(", ").join(x for x in (place, ctx.cname(a.venue.country) if a.venue and a.venue.country else None) if x)
    meta.append(Item(where or ctx.label("activity-modes", a.mode)))
    beneficiaries = _(", ").join(ctx.cname(b.country) for b in a.beneficiaries[:6])
    if len(a.beneficiaries) > 6:
        beneficiaries = ngettext("%(countries)s and %(num)s more", "%(countries)s and %(num)s more",
                                 len(a.beneficiaries) - 6, countries=beneficiaries)
    summary = _("Hosted by %(hosts)s; for %(beneficiaries)s", hosts=_(", ").join(ctx.cname(c) for c in a.hosts),
                beneficiaries=beneficiaries)
    return meta, summary


def view(a, ctx) -> dict:
    day = a.start.first_day
    total = sum(b.participants or 0 for b in a.beneficiaries)
    counted = any(b.participants is not None for b in a.beneficiaries)
    facts = [
        Fact(_("Type"), (Item(ctx.label("activity-types", a.type)),)),
        Fact(_("Mode"), (Item(ctx.label("activity-modes", a.mode)),)),
        Fact(_("Dates"), dates(a.start, a.end)),
    ]
    if a.venue and (a.venue.city or a.venue.country):
        items = ((Item(a.venue.city),) if a.venue.city else ()) + ((ctx.country(a.venue.country),) if a.venue.country else ())
        facts.append(Fact(_("Venue"), items))
    facts += [
        Fact(_("Host or provider countries"), tuple(ctx.country(c, ctx.status_note(c, day)) for c in a.hosts)),
        Fact(_("Beneficiary countries"), tuple(ctx.country(
            b.country, _("; ").join(x for x in (ngettext("%(num)s participant", "%(num)s participants", b.participants)
                                                if b.participants is not None else "",
                                                ctx.status_note(b.country, day)) if x)) for b in a.beneficiaries)),
    ]
    if counted:
        facts.append(Fact(_("Participants"), (Item(number(total)),)))
    facts += [
        Fact(_("Topics"), tuple(ctx.topic(t) for t in a.topics)),
        Fact(_("Languages"), ctx.languages(a.languages)),
    ]
    if a.requester:
        facts.append(Fact(_("Requested by"), (Item(a.requester),)))
    facts += [f for f in (ctx.organizations(_("Organizers"), a.organizers),) if f]
    consultants = [ctx.catalog.get("consultants", cid) for cid in a.consultants]
    if consultants:
        facts.append(Fact(_("Consultants"), tuple(Item(c.name, record_path("consultants", c.id)) for c in consultants)))
    facts += [f for f in (ctx.sources(a.sources),) if f]
    return dict(title=a.title, subtitle=(Item(ctx.label("activity-types", a.type)), *dates(a.start, a.end)),
                summary=None, facts=tuple(facts))


MODES = {"in-person": "https://schema.org/OfflineEventAttendanceMode",
         "online": "https://schema.org/OnlineEventAttendanceMode",
         "hybrid": "https://schema.org/MixedEventAttendanceMode"}


def jsonld(a, ctx, summary: str) -> dict:
    """An activity is a schema.org Event."""
    data = {"@type": "Event", "name": a.title, "description": summary, "startDate": a.start.iso,
            "eventAttendanceMode": MODES[a.mode]}
    if a.end:
        data["endDate"] = a.end.iso
    if a.venue and a.venue.country:
        data["location"] = {"@type": "Place", "name": a.venue.city or ctx.cname(a.venue.country),
                            "address": {"@type": "PostalAddress", "addressCountry": ctx.ref.countries[a.venue.country].iso2,
                                        **({"addressLocality": a.venue.city} if a.venue.city else {})}}
    else:
        data["location"] = {"@type": "VirtualLocation", "name": _("Online")}
    if a.organizers:
        data["organizer"] = [{"@type": "Organization", "name": o.name} for o in a.organizers]
    return data


def search_filters(a, ctx) -> list:
    return [("type", ctx.label("activity-types", a.type))] + [("language", ctx.label("languages", c)) for c in a.languages]


ACTIVITY = Kind(
    "activity", "activities", ".yml", "activity", "activities", "start", FORMAT,
    one=N_("Activity"), heading=N_("Activities"), running=N_("activities"),
    count=lambda n: ngettext("%(num)s activity", "%(num)s activities", n),
    intro=N_("Technical-assistance activities in intellectual property where the host or provider and the "
             "beneficiaries were all from the South on the activity's date."),
    nav_position=1,
    texts={"title": "title", "body": "description"},
    countries=countries,
    also_named=lambda a: organization_countries(a.organizers),
    card=card, view=view, jsonld=jsonld, search_filters=search_filters,
    facets=(region_facet(countries), topic_facet(lambda a, catalog: a.topics),
            vocabulary_facet("type", N_("Type"), "activity-types", lambda a: (a.type,)), year_facet("start")),
    rules=(rules.check_activity,),
    references={"consultants": "consultants"},
)
