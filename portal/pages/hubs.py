"""Hub pages: every country, region and topic gathers what the catalog holds about it (the
newest records of each kind, with a link to all of them), with figures and charts; and the
indexes that list them."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..figures import partner_map_file
from ..i18n import N_, _, active, number, ngettext
from ..kinds import ACTIVITY, CONSULTANT, KINDS, Kind
from ..paths import country_path, listing_path, m49_slug, region_path, topic_path
from ..views import Fact, Figure, HubView, IndexView, Item, Page, SearchData, Section, StatusRow
from .context import Context
from .lists import has_list, search_link

REGION_LEVELS = {"region": N_("UN M49 region"), "sub-region": N_("UN M49 sub-region"),
                 "intermediate-region": N_("UN M49 intermediate region")}


def records_count(n: int) -> str:
    return ngettext("%(num)s record", "%(num)s records", n)


def _count_note(buckets) -> str:
    return records_count(sum(len(v) for v in buckets.values()))


def more_link(kind: Kind, records, facet: str, code: str, filters: tuple) -> Item:
    """All of a hub's records of one kind: the collection's list for that facet value if it has one,
    else the search page with the same filters (`filters`: (name, value) pairs)."""
    if has_list(kind, facet):
        return Item(_("All %(records)s", records=kind.count(len(records))), listing_path(kind.collection, facet, code))
    return Item(_("See them all in search"), search_link(kind, filters))


def hub_section(ctx: Context, kind: Kind, id_: str, title: str, records, all_of=None) -> Section:
    """A hub's list of one collection: the newest hub_size records and, when there are more, a link
    to all of them (more_link(kind, records, *all_of)). Listing every record would make a region's
    page grow with the whole catalog (megabytes at 10,000)."""
    shown = records[:max(1, ctx.config.hub_size)]
    link = more_link(kind, records, *all_of) if all_of and len(shown) < len(records) else None
    return Section(id_, title, ctx.cards(kind, shown), more=link)


def sections_for(ctx: Context, buckets: dict, exclude: tuple = (), titles: dict | None = None, all_of=None) -> tuple:
    """One section per collection that has records in `buckets`, each capped as hub_section does."""
    out = []
    for kind in KINDS:
        if kind in exclude:
            continue
        records = buckets.get(kind.collection, [])
        if records:
            title = (titles or {}).get(kind.collection, _(kind.heading))
            out.append(hub_section(ctx, kind, kind.collection, _("%(title)s (%(count)s)", title=title,
                                                                   count=number(len(records))), records, all_of))
    return tuple(out)


def _figures(buckets, exclude: tuple = ()) -> tuple:
    return tuple(Figure(number(len(buckets[k.collection])), k.counted(len(buckets[k.collection])), f"#{k.collection}")
                 for k in KINDS if k not in exclude and buckets.get(k.collection))


def country_index(ctx: Context, countries) -> Page:
    groups = defaultdict(list)
    for iso3 in countries:
        c = ctx.ref.countries[iso3]
        n = sum(len(v) for v in ctx.lookup.by_country[iso3].values())
        groups[c.wipo].append(Item(ctx.cname(iso3), country_path(iso3), note=records_count(n)))
    ordered = tuple((ctx.wipo_name(w), tuple(groups[w])) for w in ctx.ref.wipo_regions if w in groups)
    view = IndexView(_("Countries"), _("Every country that appears in a record, by WIPO regional grouping."), ordered)
    return Page("countries/index.html", "index-list.html", _("Countries"), view, nav="countries")


def country_page(ctx: Context, iso3: str) -> Page:
    lookup = ctx.lookup
    c = ctx.ref.countries[iso3]
    name = ctx.cname(iso3)
    current = c.status_on(ctx.today)  # the status in force on the build date
    pending = current.pending_on(ctx.today)
    facts = [
        Fact(_("Codes"), (Item(f"ISO 3166-1 {c.iso3} / {c.iso2}"),) + ((Item(f"UN M49 {c.m49}"),) if c.m49 else ())),
        Fact(_("UN M49 region"), tuple(Item(ctx.m49_name(code), region_path(m49_slug(code)))
                                       for code in (c.region, c.subregion, c.intermediate) if code)),
        Fact(_("WIPO regional grouping"), (Item(ctx.wipo_name(c.wipo), region_path(c.wipo)),)),
        Fact(_("Classification today"), (Item(ctx.status_name(current.status), note=_(current.note)),)
             + (ctx.pending_items(pending) if pending else ())),
    ]
    history = tuple(StatusRow(ctx.status_name(p.status),
                              Item(active().date(p.start), iso=p.start.isoformat()) if p.start else None,
                              Item(active().date(p.end), iso=p.end.isoformat()) if p.end else None,
                              _(p.note), p is current, ctx.pending_items(p.pending) if p.pending else ())
                    for p in c.history)
    buckets = lookup.by_country[iso3]
    sections, figures = [], []
    all_of = ("country", iso3, (("country", name),))
    if lookup.hosted.get(iso3):
        count = len(lookup.hosted[iso3])
        n = number(count)
        sections.append(hub_section(ctx, ACTIVITY, "hosted", _("Activities hosted or provided (%(count)s)", count=n),
                                    lookup.hosted[iso3], all_of))
        # i18n: the label under a figure: the number n is shown above it, in large type.
        figures.append(Figure(n, ngettext("activity hosted or provided", "activities hosted or provided", count),
                              "#hosted"))
    if lookup.benefited.get(iso3):
        count = len(lookup.benefited[iso3])
        n = number(count)
        sections.append(hub_section(ctx, ACTIVITY, "benefited", _("Activities it benefited from (%(count)s)", count=n),
                                    lookup.benefited[iso3], all_of))
        # i18n: the label under a figure: the number n is shown above it, in large type.
        figures.append(Figure(n, ngettext("activity it benefited from", "activities it benefited from", count),
                              "#benefited"))
    sections += sections_for(ctx, buckets, exclude=(ACTIVITY,),
                             titles={CONSULTANT.collection: _("Consultants from this country")}, all_of=all_of)
    figures += _figures(buckets, exclude=(ACTIVITY,))
    f = ctx.figures_for(country_path(iso3))
    mine, partners = lookup.partners(iso3)
    charts = [f.activity_map("partner-map", mine, _("%(country)s and its partners", country=name),
                             _("Countries that took part in activities with %(country)s, shaded by the number of "
                               "those activities; partners in activities and initiatives are outlined.", country=name),
                             focus=iso3, highlight=partners, overlay=partner_map_file(iso3),
                             values=lookup.partner_values(iso3))]
    flows = f.country_flows("country-flows", iso3, _("Who provided to whom, around %(country)s", country=name),
                            _("Activities between %(country)s and its main partners: rows provided, columns "
                              "benefited.", country=name))
    if flows:
        charts.append(flows)
    view = HubView(_("Country"), name, "", tuple(facts), tuple(sections), history,
                   _("Source: %(classification)s; %(ldc)s.", classification=ctx.ref.classification.classification,
                     ldc=ctx.ref.classification.ldc), tuple(figures), tuple(charts))
    crumbs = (Item(_("Countries"), "countries/index.html"),)
    description = _("South-South cooperation in intellectual property involving %(country)s.", country=name)
    feed = Item(_("Everything about %(country)s", country=name), f"countries/{iso3.lower()}/feed.xml")
    return Page(country_path(iso3), "hub.html", name, view, nav="countries", description=description,
                breadcrumbs=crumbs, search=SearchData(_("Country"), (("kind", _("Country")),)),
                feeds=(feed,))


def region_index(ctx: Context) -> Page:
    by_region = ctx.lookup.by_region
    wipo = tuple(Item(ctx.wipo_name(code), region_path(code), note=_count_note(by_region[code]))
                 for code in ctx.ref.wipo_regions if code in by_region)
    m49 = []
    for code, region in ctx.ref.regions.items():
        slug = m49_slug(code)
        if slug in by_region:
            prefix = {"region": "", "sub-region": "— ", "intermediate-region": "— — "}[region.level]
            m49.append(Item(prefix + ctx.m49_name(code), region_path(slug), note=_count_note(by_region[slug])))
    view = IndexView(_("Regions"), _("Browse by WIPO regional grouping or by UN M49 geographic region."),
                     ((_("WIPO regional groupings"), wipo), (_("UN M49 regions"), tuple(m49))))
    return Page("regions/index.html", "index-list.html", _("Regions"), view, nav="regions")


def region_page(ctx: Context, slug: str) -> Page:
    lookup = ctx.lookup
    name = ctx.region_name(slug)
    members = ctx.by_name(iso3 for iso3 in lookup.by_country if slug in lookup.regions_of(iso3))
    if slug.startswith("m49-"):
        region = ctx.ref.regions[slug[4:]]
        kind = _(REGION_LEVELS[region.level])
        facts = [Fact(_("M49 code"), (Item(region.code),))]
        if region.parent:
            facts.append(Fact(_("Part of"), (Item(ctx.m49_name(region.parent), region_path(m49_slug(region.parent))),)))
    else:
        kind, facts = _("WIPO regional grouping"), []
    facts.append(Fact(_("Countries with records"), tuple(ctx.country(c) for c in members)))
    buckets = lookup.by_region[slug]
    f = ctx.figures_for(region_path(slug))
    mine = lookup.region_activities(slug)
    charts = ()
    if mine:
        charts = (
            f.per_year_by_provider_region("region-per-year", mine, _("Activities involving %(region)s, per year",
                                                                     region=name),
                                          _("Each year's activities with a host or beneficiary in the region, "
                                            "by the WIPO regional grouping of their hosts."),
                                          tally=lookup.region_years(slug)),
            f.ranked("region-providers", mine, f.parties.hosts, _("Providers to and within %(region)s", region=name),
                     _("Countries that hosted or provided the most of these activities."), _("Activities provided")),
        )
    if slug.startswith("m49-"):  # no list by M49 region: search for its member countries
        all_of = ("m49", slug, tuple(("country", ctx.cname(c)) for c in members))
    else:
        all_of = ("region", slug, (("region", name),))
    view = HubView(kind, name, "", tuple(facts), sections_for(ctx, buckets, all_of=all_of), figures=_figures(buckets),
                   charts=charts)
    description = _("South-South cooperation in intellectual property in %(region)s.", region=name)
    return Page(region_path(slug), "hub.html", name, view, nav="regions",
                breadcrumbs=(Item(_("Regions"), "regions/index.html"),), description=description,
                search=SearchData(_("Region"), (("kind", _("Region")),)))


def topic_index(ctx: Context) -> Page:
    by_topic = ctx.lookup.by_topic
    items = tuple(Item(ctx.label("topics", code), topic_path(code), note=_count_note(by_topic[code]))
                  for code in ctx.ref.vocabularies["topics"].terms if code in by_topic)
    view = IndexView(_("Topics"), _("Browse by area of intellectual property."), ((_("IP topics"), items),))
    return Page("topics/index.html", "index-list.html", _("Topics"), view, nav="topics")


def topic_page(ctx: Context, code: str) -> Page:
    name = ctx.label("topics", code)
    buckets = ctx.lookup.by_topic[code]
    countries = Counter(c for a in buckets.get(ACTIVITY.collection, []) for c in ACTIVITY.countries(a))
    facts = []
    if countries:
        top = sorted(countries, key=lambda c: (-countries[c], ctx.cname(c)))[:10]
        facts.append(Fact(_("Countries most involved in its activities"), tuple(
            ctx.country(c, note=ACTIVITY.count(countries[c])) for c in top)))
    view = HubView(_("Topic"), name, "", tuple(facts),
                   sections_for(ctx, buckets, all_of=("topic", code, (("topic", name),))), figures=_figures(buckets))
    description = _("South-South cooperation on this topic: %(topic)s.", topic=name)
    return Page(topic_path(code), "hub.html", name, view, nav="topics",
                breadcrumbs=(Item(_("Topics"), "topics/index.html"),), description=description,
                search=SearchData(_("Topic"), (("kind", _("Topic")),)))
