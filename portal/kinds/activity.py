"""Technical-assistance activities (modelled on WIPO's South-South IP-TAD)."""

from __future__ import annotations

from .. import rules
from ..fields import Code, Country, Date, Field, Integer, ListOf, Obj, Text
from ..formats import LANGUAGES, ORGANIZATION, SOURCES, TOPICS, record_format
from ..i18n import N_, _, ngettext, number
from ..paths import record_path
from ..verdicts import BENEFICIARY, ORGANIZER, PROVIDER, SUPPORTER, Party
from ..views import Fact, Item
from ..wording import dates
from .common import modality_facet, organization_countries, organization_party, region_facet, topic_facet, unique, vocabulary_facet, year_facet
from .kind import Kind

INITIATIVE_COLLECTION = "initiatives"  # an activity may be part of one

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
    Field("hosts", ListOf(Country(), max_items=10),
          "Host or provider countries: those that organized or delivered the activity. Give at least one host "
          "country or host organization.", suggested=True),
    Field("host_organizations", ListOf(ORGANIZATION, max_items=10),
          "International or regional organizations that hosted or provided it (WIPO: type igo; ARIPO, OAPI: type "
          "regional-ip-organization), or a host institution with its country."),
    Field("beneficiaries", ListOf(Obj("Beneficiary", [
        Field("country", Country(), "Beneficiary country.", suggested=True),
        Field("group", Text(200), "A region or group of offices named as beneficiary when its countries are not "
              "listed, e.g. 'ARIPO member states'; instead of 'country'."),
        Field("participants", Integer(0, 100_000), "Number of participants from this country, if known."),
    ]), min_items=1, max_items=60), "Countries (or a named group) whose officials or institutions benefited.",
          required=True),
    Field("participants", Integer(0, 1_000_000), "Total number of participants, when the source gives a total "
          "without a split by country."),
    Field("languages", LANGUAGES, "Languages the activity was held in (ISO 639-1), when the source says; "
          "many published pages do not.", suggested=True, example=["en"]),
    Field("organizers", ListOf(ORGANIZATION, max_items=20), "Organizations that organized or funded it."),
    Field("requester", Text(200), "Who asked for the activity, e.g. the beneficiary IP office."),
    Field("sector", Text(200), "The WIPO sector or division responsible, as the source names it."),
    Field("funding", ListOf(Obj("Funding", [
        Field("name", Text(200), "The fund or budget, e.g. 'WIPO Funds-in-Trust Japan'.", required=True),
        Field("donor", Country(), "The country that provides the money, if any."),
        Field("amount", Integer(0, 10**12), "Amount, where published (whole units of the currency)."),
        Field("currency", Text(3), "ISO 4217 code of the amount's currency, e.g. USD or CHF."),
    ]), max_items=10), "Who paid for it. A developed donor country supports it (triangular cooperation)."),
    Field("initiative", Text(80), "Id of the initiative (content/initiatives/) the activity is part of."),
    Field("phase", Text(120), "Phase of a multi-year programme, e.g. 'Phase II'."),
    Field("cooperation", Code("modalities"), "The modality, if the source states it: south-south or triangular. The "
          "portal computes it from the hosts, beneficiaries, organizers and funding on the start date; a value that "
          "disagrees is an error.", example="south-south"),
    Field("consultants", ListOf(Text(80), max_items=30), "Ids of roster consultants who worked on it."),
    SOURCES,
], ("title", "description"))


def countries(a, catalog=None) -> tuple:
    return unique(list(a.hosts) + [o.country for o in a.host_organizations if o.country]
                  + [b.country for b in a.beneficiaries if b.country]
                  + ([a.venue.country] if a.venue and a.venue.country else []))


def parties(a, catalog=None) -> list:
    """Who provided, who benefited, who organized and who paid (portal/verdicts.py)."""
    found = [Party(code, PROVIDER, code) for code in a.hosts]
    found += [organization_party(o, PROVIDER) for o in a.host_organizations]
    found += [Party(b.country or b.group, BENEFICIARY, b.country, group=not b.country) for b in a.beneficiaries]
    found += [organization_party(o, ORGANIZER) for o in a.organizers]
    found += [Party(f.name, SUPPORTER, f.donor) for f in a.funding if f.donor]
    return found


def _beneficiary(b, ctx) -> str:
    return ctx.cname(b.country) if b.country else b.group


def _hosts(a, ctx) -> list[str]:
    return [ctx.cname(c) for c in a.hosts] + [o.name for o in a.host_organizations]


def card(a, ctx):
    meta = [Item(ctx.label("activity-types", a.type)), *dates(a.start, a.end)]
    place = a.venue.city if a.venue and a.venue.city else None
    where = _(", ").join(x for x in (place, ctx.cname(a.venue.country) if a.venue and a.venue.country else None) if x)
    meta.append(Item(where or ctx.label("activity-modes", a.mode)))
    meta.append(Item(ctx.modality_label(ACTIVITY, a)))
    beneficiaries = _(", ").join(_beneficiary(b, ctx) for b in a.beneficiaries[:6])
    if len(a.beneficiaries) > 6:
        beneficiaries = ngettext("%(countries)s and %(num)s more", "%(countries)s and %(num)s more",
                                 len(a.beneficiaries) - 6, countries=beneficiaries)
    summary = _("Hosted by %(hosts)s; for %(beneficiaries)s", hosts=_(", ").join(_hosts(a, ctx)),
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
        ctx.cooperation(ACTIVITY, a),
    ]
    if a.venue and (a.venue.city or a.venue.country):
        items = ((Item(a.venue.city),) if a.venue.city else ()) + ((ctx.country(a.venue.country),) if a.venue.country else ())
        facts.append(Fact(_("Venue"), items))
    if a.hosts:
        facts.append(Fact(_("Host or provider countries"), tuple(ctx.country(c, ctx.status_note(c, day)) for c in a.hosts)))
    if a.host_organizations:
        facts.append(ctx.organizations(_("Host or provider organizations"), a.host_organizations))

    def beneficiary(b) -> Item:
        count = (ngettext("%(num)s participant", "%(num)s participants", b.participants)
                 if b.participants is not None else "")
        if not b.country:
            return Item(b.group, note=count)
        return ctx.country(b.country, _("; ").join(x for x in (count, ctx.status_note(b.country, day)) if x))

    facts.append(Fact(_("Beneficiary countries"), tuple(beneficiary(b) for b in a.beneficiaries)))
    if a.participants is not None:
        facts.append(Fact(_("Participants"), (Item(number(a.participants)),)))
    elif counted:
        facts.append(Fact(_("Participants"), (Item(number(total)),)))
    facts.append(Fact(_("Topics"), tuple(ctx.topic(t) for t in a.topics)))
    if a.languages:
        facts.append(Fact(_("Languages"), ctx.languages(a.languages)))
    if a.requester:
        facts.append(Fact(_("Requested by"), (Item(a.requester),)))
    facts += [f for f in (ctx.organizations(_("Organizers"), a.organizers),) if f]
    if a.sector:
        facts.append(Fact(_("WIPO sector or division"), (Item(a.sector),)))
    if a.funding:
        facts.append(Fact(_("Funding"), tuple(Item(f.name, note=_(", ").join(x for x in (
            ctx.cname(f.donor) if f.donor else "",
            f"{number(f.amount)} {f.currency or ''}".strip() if f.amount is not None else "") if x)) for f in a.funding)))
    if a.initiative:
        part = ctx.catalog.get(INITIATIVE_COLLECTION, a.initiative)
        title, lang = ctx.text(part, "title")
        facts.append(Fact(_("Part of"), (Item(title, record_path(INITIATIVE_COLLECTION, part.id), note=a.phase or "",
                                              lang=lang),)))
    elif a.phase:
        facts.append(Fact(_("Phase"), (Item(a.phase),)))
    consultants = [ctx.catalog.get("consultants", cid) for cid in a.consultants]
    if consultants:
        facts.append(Fact(_("Consultants"), tuple(Item(c.name, record_path("consultants", c.id)) for c in consultants)))
    facts += [f for f in (ctx.sources(a.sources),) if f]
    return dict(title=a.title, subtitle=(Item(ctx.label("activity-types", a.type)), *dates(a.start, a.end)),
                summary=None, facts=tuple(facts))


MODES = {"in-person": "https://schema.org/OfflineEventAttendanceMode",
         "online": "https://schema.org/OnlineEventAttendanceMode",
         "hybrid": "https://schema.org/MixedEventAttendanceMode"}


def jsonld(a, ctx, title: str, summary: str) -> dict:
    """An activity is a schema.org Event."""
    data = {"@type": "Event", "name": title, "description": summary, "startDate": a.start.iso,
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
    one=N_("Activity"), heading=N_("Activities"),
    # i18n: the label under a figure: the number n is shown above it, in large type.
    counted=lambda n: ngettext("activity", "activities", n),
    count=lambda n: ngettext("%(num)s activity", "%(num)s activities", n),
    intro=N_("Technical-assistance activities in intellectual property between countries of the South, on their own "
             "(South-South) or with the support of a developed country or an international organization "
             "(triangular), judged on the activity's date."),
    nav_position=1,
    texts={"title": "title", "body": "description"},
    countries=countries,
    also_named=lambda a: organization_countries(a.organizers),
    card=card, view=view, jsonld=jsonld, search_filters=search_filters,
    facets=(region_facet(countries), topic_facet(lambda a, catalog: a.topics),
            vocabulary_facet("type", N_("Type"), "activity-types", lambda a: (a.type,)),
            modality_facet(lambda: ACTIVITY), year_facet("start")),
    parties=parties, declared_modality=lambda a: a.cooperation, modalities=("south-south", "triangular"),
    modality_note=N_("computed from the hosts, beneficiaries, organizers and funders, and their status on the first "
                     "day"),
    rules=(rules.check_activity, rules.check_modality),
    references={"consultants": "consultants", "initiative": INITIATIVE_COLLECTION},
)
