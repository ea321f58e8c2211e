"""Stage 3, derive: from the validated catalog, every page of the site as a view model. Indexes
(records by country, region and topic; consultants' activities) are built once, in one pass."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .config import SiteConfig
from .fields import PartialDate
from .markup import MarkdownRenderer
from .calendar import expiry_calendar
from .exports import CHANGELOG, LIST_SEPARATOR, export_files
from .feeds import Entry, Feed, render_atom, render_robots, render_sitemap
from .figures import Figures, activity_pairs, beneficiaries_of, hosts_of
from .render import relative
from .matching import Suggestion, suggest
from .records import BY_NAME, KINDS
from .reference import STATUS_LABELS
from .validate import Catalog
from .views import (AboutView, Card, CompilationView, DataFile, DataView, FacetGroup, FacetOption, Fact, Figure, HomeView, HubView, IndexView, Item,
                    ListView, Page, Pagination, RecordView, SearchData, Section, StatusRow, SuggestionItem,
                    SuggestionList)

CALENDAR = "needs/expiry.ics"
COMPILATION = "case-studies/compilation/index.html"
PDF = "case-studies/case-studies.pdf"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
STATUS_NAMES = {
    "least-developed": "Least developed country",
    "developing": "Developing economy",
    "in-transition": "Economy in transition",
    "developed": "Developed economy",
}
COLLECTION_INTROS = {
    "activities": "Technical-assistance activities in intellectual property where the host or provider and the "
                  "beneficiaries were all from the South on the activity's date.",
    "consultants": "Experts from developing countries, least developed countries and economies in transition, "
                   "with their languages, areas of expertise and the activities they worked on.",
    "needs": "IP-related development needs posted by offices and institutions of the South, looking for support.",
    "offers": "Resources offered by providers: training, expertise, funding and partnerships.",
    "case-studies": "How intellectual property served development, told country by country, with lessons.",
    "initiatives": "South-South and triangular partnerships in intellectual property, contributed by their partners.",
    "matches": "Needs that found their partner: an offer or a roster consultant agreed to work with the seeker.",
}


# --------------------------------------------------------------------------- formatting


def format_date(d: PartialDate) -> str:
    if d.day:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if d.month:
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def when(d: PartialDate | None) -> Item | None:
    return Item(format_date(d), iso=d.iso) if d else None


def dates(start: PartialDate | None, end: PartialDate | None) -> tuple:
    """A date, or a range written compactly: '10–12 May 2019', '30 May – 2 June 2019'."""
    if start is None:
        return ()
    if end is None or end == start:
        return (when(start),)
    full_start, full_end = format_date(start), format_date(end)
    if start.day and end.day and (start.year, start.month) == (end.year, end.month):
        short = str(start.day)
    elif start.month and end.month and start.year == end.year:
        short = full_start.rsplit(" ", 1)[0]
    else:
        short = full_start
    joiner = "–" if short.isdigit() else " – "
    return (Item(short, iso=start.iso, until_text=full_end, until_iso=end.iso, joiner=joiner),)


def number(n: int) -> str:
    return f"{n:,}"


def plural(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


# --------------------------------------------------------------------------- paths


def record_path(collection: str, record_id: str) -> str:
    return f"{collection}/{record_id}/index.html"


def country_path(iso3: str) -> str:
    return f"countries/{iso3.lower()}/index.html"


def topic_path(code: str) -> str:
    return f"topics/{code}/index.html"


def region_path(code: str) -> str:
    """WIPO groupings by their code; UN M49 regions by 'm49-' and their number."""
    return f"regions/{code}/index.html"


def m49_slug(code: str) -> str:
    return f"m49-{code}"


def listing_path(collection: str, facet: str | None = None, value: str | None = None, page: int = 1) -> str:
    base = collection if facet is None else f"{collection}/{facet}/{value}"
    return f"{base}/index.html" if page == 1 else f"{base}/page/{page}/index.html"


# --------------------------------------------------------------------------- what records are about


def record_countries(kind: str, r, catalog=None) -> tuple:
    """The countries a record is about (its country pages list it). A match is about its parties'
    countries, which needs the catalog to look them up."""
    if kind == "match":
        return _match_countries(r, catalog) if catalog else ()
    if kind == "activity":
        found = list(r.hosts) + [b.country for b in r.beneficiaries] + ([r.venue.country] if r.venue and r.venue.country else [])
    elif kind == "consultant":
        found = [r.nationality]
    elif kind == "need":
        found = [r.seeker.country] if r.seeker.country else []
    elif kind == "offer":
        found = [r.provider.country] if r.provider.country else []
    elif kind == "case-study":
        found = list(r.countries)
    else:
        found = [p.country for p in r.partners if p.country]
    return tuple(dict.fromkeys(found))


def _match_countries(m, catalog) -> tuple:
    need = catalog.get("needs", m.need)
    other = catalog.get("offers", m.offer) if m.offer else catalog.get("consultants", m.consultant)
    found = list(record_countries("need", need)) + (list(record_countries("offer" if m.offer else "consultant", other))
                                                    if other else [])
    return tuple(dict.fromkeys(found))


def named_countries(kind: str, r, catalog=None) -> tuple:
    """Every country a record names: the ones it is about, plus where a consultant worked and the
    countries of organizers. Search filters use this; country pages use record_countries."""
    found = list(record_countries(kind, r, catalog))
    if kind == "consultant":
        found += list(r.regions)
    for org in getattr(r, "organizers", None) or getattr(r, "organizations", None) or ():
        if org.country:
            found.append(org.country)
    return tuple(dict.fromkeys(found))


def record_topics(kind: str, r, catalog=None) -> tuple:
    if kind == "match":
        need = catalog.get("needs", r.need) if catalog else None
        return need.topics if need else ()
    return r.expertise if kind == "consultant" else r.topics


def record_date(kind: str, r) -> PartialDate:
    return getattr(r, BY_NAME[kind].as_of_field)


def record_title(kind: str, r) -> str:
    return r.name if kind == "consultant" else r.title


def newest_first(kind: str, records) -> list:
    if kind == "consultant":
        return sorted(records, key=lambda r: (r.name.casefold(), r.id))
    return sorted(records, key=lambda r: (record_date(kind, r).first_day, r.id), reverse=True)


# --------------------------------------------------------------------------- the derivation


@dataclass(frozen=True)
class Derived:
    pages: tuple  # Page
    figures: dict  # name -> number, printed by the build
    files: dict  # other outputs: site path -> text (calendars)


class Deriver:
    def __init__(self, catalog: Catalog, config: SiteConfig, today, markdown_cache=None):
        self.catalog = catalog
        self.today = today
        self.ref = catalog.reference
        self.config = config
        self.md = MarkdownRenderer(markdown_cache)
        self._cards: dict = {}
        self.vocab = {name: v for name, v in self.ref.vocabularies.items()}
        self._index()
        self.matches_of = defaultdict(list)  # need, offer or consultant id -> recorded matches
        for m in newest_first("match", catalog.records["matches"]):
            for key in (("need", m.need), ("offer", m.offer), ("consultant", m.consultant)):
                if key[1]:
                    self.matches_of[key].append(m)
        self.suggestions = suggest(catalog, today, {m.need for m in catalog.records["matches"]})
        self.exports = export_files(catalog, today.isoformat())
        self._activity_pairs = activity_pairs(catalog.records["activities"])  # for every page's charts

    def figures_for(self, page_path: str) -> Figures:
        return Figures(self.catalog, lambda iso3: country_path(iso3) if iso3 in self.by_country else None,
                       lambda target: relative(target, page_path) if target else None, self._activity_pairs)

    def expired(self, r) -> bool:
        return r.status == "open" and r.expires is not None and r.expires.last_day < self.today

    # ---- indexes, built once

    def _index(self):
        self.by_country = defaultdict(lambda: defaultdict(list))  # iso3 -> collection -> records
        self.by_topic = defaultdict(lambda: defaultdict(list))
        self.by_region = defaultdict(lambda: defaultdict(list))  # region slug -> collection -> records
        self.hosted = defaultdict(list)
        self.benefited = defaultdict(list)
        self.consultant_activities = defaultdict(list)
        for kind in KINDS:
            records = self.catalog.records[kind.collection]
            for r in newest_first(kind.name, records):
                countries = record_countries(kind.name, r, self.catalog)
                regions = []
                for iso3 in countries:
                    self.by_country[iso3][kind.collection].append(r)
                    regions += self.regions_of(iso3)
                for slug in dict.fromkeys(regions):
                    self.by_region[slug][kind.collection].append(r)
                for topic in record_topics(kind.name, r, self.catalog):
                    self.by_topic[topic][kind.collection].append(r)
                if kind.name == "activity":
                    for iso3 in r.hosts:
                        self.hosted[iso3].append(r)
                    for iso3 in dict.fromkeys(b.country for b in r.beneficiaries):
                        self.benefited[iso3].append(r)
                    for cid in r.consultants:
                        self.consultant_activities[cid].append(r)

    def regions_of(self, iso3: str) -> list[str]:
        c = self.ref.countries[iso3]
        return [c.wipo] + [m49_slug(code) for code in (c.region, c.subregion, c.intermediate) if code]

    def region_name(self, slug: str) -> str:
        if slug.startswith("m49-"):
            return self.ref.regions[slug[4:]].name
        return self.ref.wipo_regions[slug]

    # ---- small builders

    def label(self, vocabulary: str, code: str) -> str:
        return self.vocab[vocabulary].label(code)

    def country(self, iso3: str, note: str = "") -> Item:
        """A country's name, linked to its page when it has one (every country in a record's own scope does)."""
        href = country_path(iso3) if iso3 in self.by_country else None
        return Item(self.ref.countries[iso3].name, href, note=note)

    def topic(self, code: str) -> Item:
        return Item(self.label("topics", code), topic_path(code))

    def languages(self, codes) -> tuple:
        return tuple(Item(self.label("languages", c)) for c in codes)

    def card(self, kind: str, r) -> Card:
        k = BY_NAME[kind]
        meta: list[Item] = []
        summary = ""
        tags = tuple(self.topic(t) for t in record_topics(kind, r, self.catalog))
        if kind == "activity":
            meta = [Item(self.label("activity-types", r.type)), *dates(r.start, r.end)]
            place = r.venue.city if r.venue and r.venue.city else None
            where = ", ".join(x for x in (place, self.ref.countries[r.venue.country].name if r.venue and r.venue.country else None) if x)
            meta.append(Item(where or self.label("activity-modes", r.mode)))
            summary = "Hosted by " + ", ".join(self.ref.countries[c].name for c in r.hosts) + "; for " + \
                      ", ".join(self.ref.countries[b.country].name for b in r.beneficiaries[:6]) + \
                      (f" and {len(r.beneficiaries) - 6} more" if len(r.beneficiaries) > 6 else "")
        elif kind == "consultant":
            meta = [Item(self.ref.countries[r.nationality].name), Item(", ".join(self.label("languages", c) for c in r.languages))]
            summary = r.position or ""
        elif kind in ("need", "offer"):
            org = r.seeker if kind == "need" else r.provider
            status = "Expired" if self.expired(r) else self.label("matchmaking-statuses", r.status)
            meta = [Item(status), Item(org.name), *dates(r.posted, None)]
            summary = ", ".join(self.label("support-types", s) for s in r.support_types)
        elif kind == "case-study":
            meta = [Item(", ".join(self.ref.countries[c].name for c in r.countries)), *dates(r.year, None)]
            summary = r.summary
        elif kind == "match":
            meta = [Item(self.label("support-types", r.type)), *dates(r.date, None)]
            summary = self.match_summary(r)
        else:
            meta = [Item(self.label("initiative-kinds", r.kind)), Item(self.label("initiative-statuses", r.status)),
                    *dates(r.start, r.end)]
            summary = r.summary
        return Card(record_path(k.collection, r.id), record_title(kind, r), k.label.capitalize(), tuple(meta), summary, tags)

    def cards(self, kind: str, records) -> tuple:
        """Cards are built once per record and shared by every list the record appears on."""
        out = []
        for r in records:
            key = (kind, r.id)
            card = self._cards.get(key)
            if card is None:
                card = self._cards[key] = self.card(kind, r)
            out.append(card)
        return tuple(out)

    def sections_for(self, buckets: dict, exclude: tuple = (), titles: dict | None = None) -> tuple:
        """One section per collection that has records in `buckets`."""
        out = []
        for kind in KINDS:
            if kind.collection in exclude:
                continue
            records = buckets.get(kind.collection, [])
            if records:
                title = (titles or {}).get(kind.collection, kind.label_plural.capitalize())
                out.append(Section(kind.collection, f"{title} ({number(len(records))})", self.cards(kind.name, records)))
        return tuple(out)

    # ---- pages

    def derive(self) -> Derived:
        pages = [self.home(), self.about(), self.contribute(), self.not_found(), self.search_page()]
        for kind in KINDS:
            pages += self.listings(kind)
            pages += [self.record_page(kind, r) for r in self.catalog.records[kind.collection]]
        countries = sorted(self.by_country, key=lambda c: self.ref.countries[c].name)
        pages.append(self.country_index(countries))
        pages += [self.country_page(c) for c in countries]
        pages.append(self.region_index())
        pages += [self.region_page(slug) for slug in sorted(self.by_region)]
        pages.append(self.topic_index())
        pages += [self.topic_page(code) for code in self.vocab["topics"].terms if code in self.by_topic]
        figures = {k.collection: len(self.catalog.records[k.collection]) for k in KINDS}
        figures["countries"] = len(countries)
        files = {CALENDAR: self.calendar(), **self.exports}
        feeds = self.feeds(countries)
        for feed in feeds:
            files[feed.path] = render_atom(feed, self.config.title, self.config.base_url, self.today.isoformat())
        pages.append(self.compilation())
        pages.append(self.data_page(files, feeds))
        if self.config.base_url:
            files["sitemap.xml"] = render_sitemap(self.config.base_url, sorted(
                p.path for p in pages if p.path != "404.html"))
            files["robots.txt"] = render_robots(self.config.base_url)
        return Derived(tuple(pages), figures, files)

    # ---- open data and subscriptions

    SITE_FEEDS = (("initiatives", "New and updated initiatives", ("initiative",)),
                  ("matchmaking", "New needs and offers", ("need", "offer")),
                  ("activities", "Activities", ("activity",)))

    def entry(self, kind: str, r) -> Entry:
        if kind == "initiative":
            updated = (r.reviewed or r.submitted).first_day
        else:
            updated = record_date(kind, r).first_day
        card = self.cards(kind, [r])[0]
        return Entry(card.href, card.title, updated.isoformat(), card.summary or _plain(getattr(r, "description", "")),
                     BY_NAME[kind].label)

    def feeds(self, countries) -> list[Feed]:
        out = []
        for slug, title, kinds in self.SITE_FEEDS:
            entries = [self.entry(k, r) for k in kinds for r in self.catalog.records[BY_NAME[k].collection]]
            entries.sort(key=lambda e: (e.updated, e.path), reverse=True)
            out.append(Feed(f"feeds/{slug}.xml", title, tuple(entries)))
        for iso3 in countries:
            entries = [self.entry(kind.name, r) for kind in KINDS for r in self.by_country[iso3].get(kind.collection, [])]
            entries.sort(key=lambda e: (e.updated, e.path), reverse=True)
            out.append(Feed(f"countries/{iso3.lower()}/feed.xml", f"Everything about {self.ref.countries[iso3].name}",
                            tuple(entries)))
        return out

    def compilation(self) -> Page:
        stories = newest_first("case-study", self.catalog.records["case-studies"])
        items = []
        for r in stories:
            view = self.view_case_study(r)
            view["body_html"] = self.md(r.body, id_prefix=r.id)  # one page, many bodies: ids kept apart
            items.append((f"case-{r.id}", RecordView(kind="Case study", source_path=r.path, **view)))
        items = tuple(items)
        view = CompilationView(f"{plural(len(stories), 'case study', 'case studies')} of South-South cooperation in "
                               "intellectual property, newest first, on one page for printing.",
                               Item("Download them as one PDF file", PDF), items)
        return Page(COMPILATION, "compilation.html", "Case studies: the compilation", view, nav="case-studies",
                    description="Every case study on one printable page, and as a PDF file.",
                    breadcrumbs=(Item("Case studies", listing_path("case-studies")),))

    def data_page(self, files: dict, feeds) -> Page:
        def size(path: str) -> str:
            n = len(files[path]) if isinstance(files[path], bytes) else len(files[path].encode("utf-8"))
            return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"

        collections = []
        for kind in KINDS:
            n = len(self.catalog.records[kind.collection])
            what = plural(n, kind.label, kind.label_plural)
            base = f"data/{kind.collection}"
            collections += [
                DataFile(f"{kind.label_plural.capitalize()} (JSON)", f"{base}.json", "JSON", size(f"{base}.json"),
                         f"{what}, with every field; references to other records by id."),
                DataFile(f"{kind.label_plural.capitalize()} (CSV)", f"{base}.csv", "CSV", size(f"{base}.csv"),
                         f"{what}, one row each, UTF-8 with a byte-order mark for spreadsheet programs."),
                DataFile(f"{kind.label_plural.capitalize()}: JSON Schema of the export",
                         f"data/schemas/{kind.collection}.schema.json", "JSON Schema",
                         size(f"data/schemas/{kind.collection}.schema.json"), "The structure of the JSON file."),
                DataFile(f"{kind.label_plural.capitalize()}: JSON Schema of the record format",
                         f"data/schemas/records/{kind.schema_file}", "JSON Schema",
                         size(f"data/schemas/records/{kind.schema_file}"),
                         f"The format of one {kind.label} file in the repository, as editors check it."),
            ]
        everything = DataFile("Everything", "data/all-data.zip", "ZIP", size("data/all-data.zip"),
                              "All JSON, CSV and schema files in one download.")
        collections += [
            DataFile("Case studies: printable compilation", COMPILATION, "HTML", "one page",
                     "Every case study on one page, with a print stylesheet."),
            DataFile("Case studies: PDF", PDF, "PDF", "built with the site", "The compilation as one PDF file."),
        ]
        site_feeds = tuple(DataFile(f.title, f.path, "Atom", size(f.path), "Newest first.")
                           for f in feeds if f.path.startswith("feeds/"))
        site_feeds += (DataFile("Closing dates of open needs", CALENDAR, "iCalendar", size(CALENDAR),
                                "Subscribe in a calendar program."),)
        activities = self.catalog.records["activities"]
        chart = self.figures_for("data/index.html").activity_map(
            "data-map", activities, "Activities by country",
            "Countries shaded by the number of activities they hosted or benefited from.")
        view = DataView(tuple(collections), everything, site_feeds, CHANGELOG, LIST_SEPARATOR, (chart,))
        return Page("data/index.html", "data.html", "Open data", view, nav="data",
                    description="Every record as JSON and CSV, with schemas, feeds and a calendar.")

    def calendar(self) -> str:
        open_needs = [n for n in newest_first("need", self.catalog.records["needs"])
                      if n.status == "open" and n.expires and not self.expired(n)]
        open_needs.sort(key=lambda n: (n.expires.last_day, n.id))
        return expiry_calendar([(n, n.seeker.name) for n in open_needs], self.today, self.config.title,
                               self.config.base_url, lambda n: record_path("needs", n.id))

    def home(self) -> Page:
        activities = self.catalog.records["activities"]
        involved = {c for a in activities for c in record_countries("activity", a)}
        open_needs = [n for n in newest_first("need", self.catalog.records["needs"])
                      if n.status == "open" and not self.expired(n)]
        figures = (
            Figure(number(len(activities)), "activities", listing_path("activities")),
            Figure(number(len(involved)), "countries involved", "countries/index.html"),
            Figure(number(len(self.catalog.records["consultants"])), "consultants", listing_path("consultants")),
            Figure(number(len(self.catalog.records["initiatives"])), "initiatives", listing_path("initiatives")),
            Figure(number(len(open_needs)), "open needs", listing_path("needs", "status", "open")),
        )
        latest = newest_first("initiative", self.catalog.records["initiatives"])[:4]
        sections = (
            Section("latest-initiatives", "Latest initiatives", self.cards("initiative", latest),
                    more=Item("All initiatives", listing_path("initiatives"))),
            Section("open-needs", "Open needs", self.cards("need", open_needs[:4]),
                    empty="No open needs at the moment.", more=Item("All needs", listing_path("needs"))),
        )
        wipo = tuple(Item(name, region_path(code)) for code, name in self.ref.wipo_regions.items() if code in self.by_region)
        topics = tuple(Item(t.label, topic_path(code)) for code, t in self.vocab["topics"].terms.items() if code in self.by_topic)
        top_countries = sorted(self.by_country, key=lambda c: (-sum(len(v) for v in self.by_country[c].values()),
                                                               self.ref.countries[c].name))[:12]
        countries = tuple(self.country(c) for c in sorted(top_countries, key=lambda c: self.ref.countries[c].name))
        browse = (("By region", wipo), ("By topic", topics), ("By country", countries + (Item("All countries", "countries/index.html"),)))
        feeds = tuple(Item(title, f"feeds/{slug}.xml") for slug, title, _ in self.SITE_FEEDS)
        f = self.figures_for("index.html")
        charts = (
            f.activity_map("activity-map", activities, "Where the activities were",
                           "Countries shaded by the number of activities they hosted or benefited from."),
            f.per_year_by_provider_region("activities-per-year", activities, "Activities per year",
                                          "Activities each year, by the WIPO regional grouping of their hosts."),
            f.regional_flows("regional-flows", activities, "Who provided to whom",
                             "Activities by the region of their hosts (rows) and of their beneficiaries (columns)."),
            f.ranked("top-providers", activities, hosts_of, "Most active providers",
                     "Countries that hosted or provided the most activities.", "Activities provided"),
            f.ranked("top-beneficiaries", activities, beneficiaries_of, "Most frequent beneficiaries",
                     "Countries that benefited from the most activities.", "Activities received"),
            f.topics_over_time("topics-over-time", activities, "Topics over time",
                               "Activities per IP topic and year."),
        )
        return Page("index.html", "home.html", self.config.title, HomeView(figures, sections, browse, charts),
                    nav="home", description=self.config.tagline, feeds=feeds)

    def about(self) -> Page:
        c = self.ref.classification
        facts = (
            Fact("Development status", (Item(c.classification),)),
            Fact("Least developed countries", (Item(c.ldc),)),
            Fact("Edition", (Item(c.edition),)),
            Fact("Last reviewed", (Item(c.reviewed),)),
            Fact("Country codes and regions", (Item(c.identity),)),
            Fact("Documented choices", (Item(c.overrides),)),
        )
        counts = Counter(country.history[-1].status for country in self.ref.countries.values())
        status_counts = tuple(Item(STATUS_NAMES[s], note=number(counts[s])) for s in STATUS_LABELS)
        return Page("about/index.html", "about.html", "About", AboutView(facts, status_counts), nav="about",
                    description="What South-South and triangular cooperation in intellectual property are, and how "
                                "this portal classifies countries.")

    def contribute(self) -> Page:
        from .contribute import contribute_view

        return Page("contribute/index.html", "contribute.html", "Contribute", contribute_view(self.ref, self.config),
                    nav="contribute",
                    description="How to add a partnership initiative or another record to the portal.")

    def search_page(self) -> Page:
        browse = tuple(Item(label, href) for label, href in (
            ("Activities", listing_path("activities")), ("Consultants", listing_path("consultants")),
            ("Needs", listing_path("needs")), ("Offers", listing_path("offers")),
            ("Case studies", listing_path("case-studies")), ("Initiatives", listing_path("initiatives")),
            ("Countries", "countries/index.html"), ("Regions", "regions/index.html"), ("Topics", "topics/index.html")))
        return Page("search/index.html", "search.html", "Search", browse, nav="search",
                    description="Search every activity, consultant, need, offer, case study and initiative.")

    def not_found(self) -> Page:
        return Page("404.html", "404.html", "Page not found", None)

    # ---- collection lists with static facets

    FACETS = {
        "activity": (("region", "Region"), ("topic", "Topic"), ("type", "Type"), ("year", "Year")),
        "consultant": (("region", "Region"), ("topic", "Expertise"), ("language", "Language")),
        "need": (("status", "Status"), ("region", "Region"), ("topic", "Topic"), ("support", "Support type")),
        "offer": (("status", "Status"), ("region", "Region"), ("topic", "Topic"), ("support", "Support type")),
        "case-study": (("region", "Region"), ("topic", "Topic"), ("year", "Year")),
        "initiative": (("kind", "Kind"), ("status", "Status"), ("region", "Region"), ("topic", "Topic")),
        "match": (("support", "Match type"), ("region", "Region"), ("year", "Year")),
    }

    def facet_values(self, kind: str, facet: str, r) -> list[tuple[str, str]]:
        """(value code, label) pairs of one record for one facet."""
        if facet == "region":
            return [(w, self.ref.wipo_regions[w]) for w in
                    dict.fromkeys(self.ref.countries[c].wipo for c in record_countries(kind, r, self.catalog))]
        if facet == "topic":
            return [(t, self.label("topics", t)) for t in record_topics(kind, r, self.catalog)]
        if facet == "type":
            return [(r.type, self.label("activity-types", r.type))]
        if facet == "year":
            year = str(record_date(kind, r).year)
            return [(year, year)]
        if facet == "language":
            return [(c, self.label("languages", c)) for c in r.languages]
        if facet == "status":
            vocab = "initiative-statuses" if kind == "initiative" else "matchmaking-statuses"
            return [(r.status, self.label(vocab, r.status))]
        if facet == "support":
            codes = (r.type,) if kind == "match" else r.support_types
            return [(s, self.label("support-types", s)) for s in codes]
        if facet == "kind":
            return [(r.kind, self.label("initiative-kinds", r.kind))]
        raise KeyError(facet)

    def listings(self, kind) -> list[Page]:
        records = newest_first(kind.name, self.catalog.records[kind.collection])
        values: dict[str, dict[str, tuple[str, list]]] = {}
        for facet, _ in self.FACETS[kind.name]:
            groups: dict[str, tuple[str, list]] = {}
            for r in records:
                for code, label in self.facet_values(kind.name, facet, r):
                    groups.setdefault(code, (label, []))[1].append(r)
            order = sorted(groups, reverse=True) if facet == "year" else sorted(groups, key=lambda c: groups[c][0].casefold())
            values[facet] = {code: groups[code] for code in order}
        pages = self.paginate(kind, records, values, None, None)
        for facet, _ in self.FACETS[kind.name]:
            for code, (label, subset) in values[facet].items():
                pages += self.paginate(kind, subset, values, facet, code, label)
        return pages

    def paginate(self, kind, records, values, facet, value, value_label: str = "") -> list[Page]:
        size = max(1, self.config.page_size)
        total_pages = max(1, math.ceil(len(records) / size))
        facet_groups = tuple(
            FacetGroup(label, tuple(FacetOption(text, listing_path(kind.collection, f, code), len(subset),
                                                current=(f == facet and code == value))
                                    for code, (text, subset) in values[f].items()))
            for f, label in self.FACETS[kind.name])
        heading = kind.label_plural.capitalize()
        flabel = dict(self.FACETS[kind.name]).get(facet, "")
        title = f"{heading}: {value_label}" if facet else heading
        pages = []
        for n in range(1, total_pages + 1):
            chunk = records[(n - 1) * size: n * size]
            pagination = None
            if total_pages > 1:
                pagination = Pagination(
                    n, total_pages,
                    listing_path(kind.collection, facet, value, n - 1) if n > 1 else None,
                    listing_path(kind.collection, facet, value, n + 1) if n < total_pages else None,
                    tuple(Item(str(i), listing_path(kind.collection, facet, value, i), note="current" if i == n else "")
                          for i in range(1, total_pages + 1)))
            count_text = plural(len(records), kind.label, kind.label_plural)
            if total_pages > 1:
                first, last = (n - 1) * size + 1, (n - 1) * size + len(chunk)
                count_text += f", {first}–{last} shown"
            view = ListView(heading=title, intro=COLLECTION_INTROS[kind.collection], collection=kind.collection,
                            cards=self.cards(kind.name, chunk), count_text=count_text, facets=facet_groups,
                            pagination=pagination,
                            filter=Item(f"{flabel}: {value_label}", listing_path(kind.collection)) if facet else None,
                            feeds=(Item("Calendar of open needs' closing dates (.ics)", CALENDAR),)
                            if kind.name == "need" else
                            (Item("All case studies on one printable page", COMPILATION), Item("… or as a PDF", PDF))
                            if kind.name == "case-study" else ())
            page_title = title + (f" (page {n} of {total_pages})" if total_pages > 1 else "")
            crumbs = (Item(heading, listing_path(kind.collection)),) if facet else ()
            pages.append(Page(listing_path(kind.collection, facet, value, n), "list.html", page_title, view,
                              nav=kind.collection, description=COLLECTION_INTROS[kind.collection], breadcrumbs=crumbs))
        return pages

    # ---- record pages

    def record_page(self, kind, r) -> Page:
        builder = getattr(self, "view_" + kind.name.replace("-", "_"))
        view = builder(r)
        view = RecordView(kind=kind.label.capitalize(), source_path=r.path,
                          edit_href=f"{self.config.repository.rstrip('/')}/blob/main/{r.path}" if self.config.repository else "",
                          **view)
        crumbs = (Item(kind.label_plural.capitalize(), listing_path(kind.collection)),)
        return Page(record_path(kind.collection, r.id), "record.html", view.title, view, nav=kind.collection,
                    description=view.summary[:300], breadcrumbs=crumbs, search=self.search_data(kind, r),
                    jsonld=self.jsonld(kind.name, r, view.summary))

    def jsonld(self, kind: str, r, summary: str) -> str:
        """schema.org data where a type fits: an activity is an Event, a case study an Article, an
        initiative a Project. URLs are absolute only when the site's address is configured."""
        url = {"url": self.config.base_url.rstrip("/") + "/" + record_path(BY_NAME[kind].collection, r.id)} \
            if self.config.base_url else {}
        country = lambda iso3: {"@type": "Country", "name": self.ref.countries[iso3].name}  # noqa: E731
        if kind == "activity":
            data = {"@type": "Event", "name": r.title, "description": summary, "startDate": r.start.iso,
                    "eventAttendanceMode": {"in-person": "https://schema.org/OfflineEventAttendanceMode",
                                            "online": "https://schema.org/OnlineEventAttendanceMode",
                                            "hybrid": "https://schema.org/MixedEventAttendanceMode"}[r.mode]}
            if r.end:
                data["endDate"] = r.end.iso
            if r.venue and r.venue.country:
                data["location"] = {"@type": "Place", "name": r.venue.city or self.ref.countries[r.venue.country].name,
                                    "address": {"@type": "PostalAddress", "addressCountry": self.ref.countries[r.venue.country].iso2,
                                                **({"addressLocality": r.venue.city} if r.venue.city else {})}}
            else:
                data["location"] = {"@type": "VirtualLocation", "name": "Online"}
            if r.organizers:
                data["organizer"] = [{"@type": "Organization", "name": o.name} for o in r.organizers]
        elif kind == "case-study":
            data = {"@type": "Article", "headline": r.title, "description": r.summary, "datePublished": r.year.iso,
                    "about": [country(c) for c in r.countries],
                    "keywords": [self.label("topics", t) for t in r.topics]}
        elif kind == "initiative":
            data = {"@type": "Project", "name": r.title, "description": r.summary, "foundingDate": r.start.iso,
                    "member": [{"@type": "Organization", "name": p.name} for p in r.partners],
                    "keywords": [self.label("topics", t) for t in r.topics]}
            if r.end:
                data["dissolutionDate"] = r.end.iso
        else:
            return ""
        text = json.dumps({"@context": "https://schema.org", **data, **url}, ensure_ascii=False, sort_keys=True)
        return text.replace("</", "<\\/")  # never close the script element from inside the data

    # Search filters, in the order the search page shows them.
    SEARCH_FILTERS = ("kind", "country", "region", "topic", "year", "type", "language", "status")

    def search_data(self, kind, r) -> SearchData:
        name = kind.name
        countries = named_countries(name, r, self.catalog)
        filters = [("kind", kind.label.capitalize())]
        filters += [("country", self.ref.countries[c].name) for c in countries]
        filters += [("region", self.ref.wipo_regions[w]) for w in dict.fromkeys(self.ref.countries[c].wipo for c in countries)]
        filters += [("topic", self.label("topics", t)) for t in record_topics(name, r, self.catalog)]
        when_ = record_date(name, r)
        filters.append(("year", str(when_.year)))
        if name == "activity":
            filters.append(("type", self.label("activity-types", r.type)))
        if hasattr(r, "languages"):
            filters += [("language", self.label("languages", code)) for code in r.languages]
        if name in ("need", "offer"):
            filters.append(("status", self.label("matchmaking-statuses", r.status)))
        elif name == "initiative":
            filters.append(("status", self.label("initiative-statuses", r.status)))
        return SearchData(kind.label.capitalize(), tuple(filters),
                          ", ".join(self.ref.countries[c].name for c in countries), str(when_.year),
                          when_.first_day.isoformat())

    def sources(self, sources) -> Fact | None:
        if not sources:
            return None
        return Fact("Sources", tuple(Item(s.title, s.url) for s in sources))

    def organizations(self, label, orgs) -> Fact | None:
        if not orgs:
            return None
        return Fact(label, tuple(Item(
            o.name, note=", ".join(x for x in (self.label("organization-types", o.type),
                                               self.ref.countries[o.country].name if o.country else "") if x))
            for o in orgs))

    def status_note(self, iso3: str, day) -> str:
        period = self.ref.countries[iso3].status_on(day)
        return STATUS_NAMES[period.status].lower() + " on that date"

    def view_activity(self, a) -> dict:
        day = a.start.first_day
        total = sum(b.participants or 0 for b in a.beneficiaries)
        counted = any(b.participants is not None for b in a.beneficiaries)
        facts = [
            Fact("Type", (Item(self.label("activity-types", a.type)),)),
            Fact("Mode", (Item(self.label("activity-modes", a.mode)),)),
            Fact("Dates", dates(a.start, a.end)),
        ]
        if a.venue and (a.venue.city or a.venue.country):
            items = ((Item(a.venue.city),) if a.venue.city else ()) + ((self.country(a.venue.country),) if a.venue.country else ())
            facts.append(Fact("Venue", items))
        facts += [
            Fact("Host or provider countries", tuple(self.country(c, self.status_note(c, day)) for c in a.hosts)),
            Fact("Beneficiary countries", tuple(self.country(
                b.country, "; ".join(x for x in (plural(b.participants, "participant", "participants") if b.participants is not None else "",
                                                 self.status_note(b.country, day)) if x)) for b in a.beneficiaries)),
        ]
        if counted:
            facts.append(Fact("Participants", (Item(number(total)),)))
        facts += [
            Fact("Topics", tuple(self.topic(t) for t in a.topics)),
            Fact("Languages", self.languages(a.languages)),
        ]
        if a.requester:
            facts.append(Fact("Requested by", (Item(a.requester),)))
        facts += [f for f in (self.organizations("Organizers", a.organizers),) if f]
        consultants = [self.catalog.get("consultants", cid) for cid in a.consultants]
        if consultants:
            facts.append(Fact("Consultants", tuple(Item(c.name, record_path("consultants", c.id)) for c in consultants)))
        facts += [f for f in (self.sources(a.sources),) if f]
        return dict(title=a.title, subtitle=(Item(self.label("activity-types", a.type)), *dates(a.start, a.end)),
                    summary=_plain(a.description), facts=tuple(facts), body_html=self.md(a.description))

    def view_consultant(self, c) -> dict:
        facts = [Fact("Nationality", (self.country(c.nationality),))]
        if c.position:
            facts.append(Fact("Position", (Item(c.position),)))
        facts += [
            Fact("Languages", self.languages(c.languages)),
            Fact("Expertise", tuple(self.topic(t) for t in c.expertise)),
        ]
        if c.regions:
            facts.append(Fact("Countries worked in", tuple(self.country(x) for x in c.regions)))
        facts.append(Fact("On the roster since", (when(c.listed),)))
        contact = []
        if c.profile:
            contact.append(Item("Public profile", c.profile))
        if self.config.roster_contact:
            contact.append(Item(f"Roster team: {self.config.roster_contact}", f"mailto:{self.config.roster_contact}"))
        if contact:
            facts.append(Fact("Contact", tuple(contact)))
        activities = self.consultant_activities.get(c.id, [])
        sections = [Section("activities", f"Activities ({number(len(activities))})", self.cards("activity", activities),
                            empty="No activities recorded yet.")]
        sections += self.match_sections(("consultant", c.id))
        suggestions = (self.suggestion_list("suggested-needs", "Open needs matching this expertise",
                                            "Needs posted on the portal that this consultant could help with.",
                                            self.suggestions.for_consultant.get(c.id, ()),
                                            "No open need matches this expertise at the moment."),)
        return dict(title=c.name, subtitle=(Item(self.ref.countries[c.nationality].name),), summary=_plain(c.biography),
                    facts=tuple(facts), body_html=self.md(c.biography), sections=tuple(sections),
                    suggestions=suggestions)

    def _matchmaking(self, r, org_label: str, org) -> dict:
        expired = self.expired(r)
        status = self.label("matchmaking-statuses", r.status)
        facts = [
            Fact("Status", (Item(f"Expired (was {status.lower()})" if expired else status),)),
            Fact(org_label, (Item(org.name, note=self.label("organization-types", org.type)),)
                 + ((self.country(org.country),) if org.country else ())),
            Fact("Topics", tuple(self.topic(t) for t in r.topics)),
            Fact("Support", tuple(Item(self.label("support-types", s)) for s in r.support_types)),
            Fact("Languages", self.languages(r.languages)),
            Fact("Posted", (when(r.posted),)),
        ]
        if r.expires:
            facts.append(Fact("Expired on" if expired else "Open until", (when(r.expires),)))
        kind = "need" if hasattr(r, "seeker") else "offer"
        notice = (f"This {kind} expired on {format_date(r.expires)} and is no longer suggested to others. "
                  f"If it is still current, its poster can renew it.") if expired else ""
        return dict(title=r.title, subtitle=(Item("Expired" if expired else status), Item(org.name)),
                    summary=_plain(r.description), facts=tuple(facts), body_html=self.md(r.description), notice=notice,
                    sections=tuple(self.match_sections((kind, r.id))))

    def view_need(self, r) -> dict:
        view = self._matchmaking(r, "Posted by", r.seeker)
        if r.id in self.suggestions.for_need:  # open, unexpired and not yet matched
            offers, consultants = self.suggestions.for_need[r.id]
            view["suggestions"] = (
                self.suggestion_list("suggested-offers", "Suggested offers", "Offers on the portal that could meet "
                                     "this need, best first.", offers, "No open offer fits this need yet."),
                self.suggestion_list("suggested-consultants", "Suggested consultants", "Roster consultants whose "
                                     "expertise fits this need, best first.", consultants,
                                     "No consultant on the roster fits this need yet."),
            )
        return view

    def view_offer(self, r) -> dict:
        view = self._matchmaking(r, "Offered by", r.provider)
        if r.status == "open" and not self.expired(r):
            view["suggestions"] = (self.suggestion_list(
                "suggested-needs", "Needs it could serve", "Open needs that this offer could meet, best first.",
                self.suggestions.for_offer.get(r.id, ()), "No open need fits this offer at the moment."),)
        return view

    # ---- matchmaking

    def suggestion_list(self, id_: str, title: str, intro: str, found, empty: str) -> SuggestionList:
        return SuggestionList(id_, title, intro, tuple(self.suggestion_item(s) for s in found), empty)

    def suggestion_item(self, s: Suggestion) -> SuggestionItem:
        collection = {"offer": "offers", "need": "needs", "consultant": "consultants"}[s.kind]
        r = self.catalog.get(collection, s.id)
        if s.kind == "consultant":
            title, meta = r.name, (Item(self.ref.countries[r.nationality].name),)
        else:
            org = r.seeker if s.kind == "need" else r.provider
            title = r.title
            meta = (Item(org.name + (f", {self.ref.countries[org.country].name}" if org.country else "")),)
        return SuggestionItem(record_path(collection, s.id), title, BY_NAME[s.kind].label.capitalize(),
                              s.score, s.reasons, s.cooperation, meta)

    def match_summary(self, m) -> str:
        need = self.catalog.get("needs", m.need)
        if m.offer:
            other = self.catalog.get("offers", m.offer).provider.name
        else:
            other = self.catalog.get("consultants", m.consultant).name
        return f"{need.seeker.name} and {other}"

    def match_sections(self, key) -> list:
        found = self.matches_of.get(key, [])
        if not found:
            return []
        return [Section("matches", f"Recorded matches ({number(len(found))})", self.cards("match", found))]

    def match_cooperation(self, m) -> str:
        countries = [c for c in record_countries("match", m, self.catalog)]
        need = self.catalog.get("needs", m.need)
        other = self.catalog.get("offers", m.offer).provider if m.offer else None
        day = m.date.first_day
        parties_have_country = need.seeker.country and (other is None or other.country)
        southern = all(self.ref.countries[c].status_on(day).southern for c in countries)
        return "South-South" if southern and parties_have_country else "Triangular"

    def view_match(self, m) -> dict:
        need = self.catalog.get("needs", m.need)
        facts = [
            Fact("Need", (Item(need.title, record_path("needs", need.id), note=need.seeker.name),)),
        ]
        if m.offer:
            offer = self.catalog.get("offers", m.offer)
            facts.append(Fact("Offer", (Item(offer.title, record_path("offers", offer.id), note=offer.provider.name),)))
        else:
            c = self.catalog.get("consultants", m.consultant)
            facts.append(Fact("Consultant", (Item(c.name, record_path("consultants", c.id)),)))
        facts += [
            Fact("Match type", (Item(self.label("support-types", m.type)),)),
            Fact("Cooperation", (Item(self.match_cooperation(m), note="from the parties' countries on the match date"),)),
            Fact("Agreed", (when(m.date),)),
            Fact("Countries", tuple(self.country(c) for c in record_countries("match", m, self.catalog))),
        ]
        return dict(title=m.title, subtitle=(Item(self.label("support-types", m.type)), *dates(m.date, None)),
                    summary=self.match_summary(m), facts=tuple(facts), body_html=self.md(m.outcome or ""))

    def view_case_study(self, r) -> dict:
        facts = [
            Fact("Countries", tuple(self.country(c) for c in r.countries)),
            Fact("Topics", tuple(self.topic(t) for t in r.topics)),
            Fact("As of", (when(r.year),)),
        ]
        facts += [f for f in (self.organizations("Organizations", r.organizations), self.sources(r.sources)) if f]
        return dict(title=r.title, subtitle=(Item(", ".join(self.ref.countries[c].name for c in r.countries)),),
                    summary=r.summary, facts=tuple(facts), body_html=self.md(r.body))

    def view_initiative(self, r) -> dict:
        day = r.start.first_day
        roles = []
        for role in ("provider", "beneficiary", "facilitator"):
            partners = [p for p in r.partners if p.role == role]
            if not partners:
                continue
            items = []
            for p in partners:
                note = self.label("organization-types", p.type)
                if p.country:
                    note += f", {self.ref.countries[p.country].name} ({self.status_note(p.country, day)})"
                items.append(Item(p.name, country_path(p.country) if p.country in self.by_country else None, note=note))
            roles.append(Fact(self.label("partner-roles", role), tuple(items)))
        facts = [
            Fact("Kind", (Item(self.label("initiative-kinds", r.kind)),)),
            Fact("Status", (Item(self.label("initiative-statuses", r.status)),)),
            Fact("Period", dates(r.start, r.end)),
            *roles,
            Fact("Topics", tuple(self.topic(t) for t in r.topics)),
        ]
        if r.links:
            facts.append(Fact("Links", tuple(Item(link.title, link.url) for link in r.links)))
        if r.contact:
            items = [Item(r.contact.name)]
            if r.contact.email:
                items.append(Item(r.contact.email, f"mailto:{r.contact.email}"))
            if r.contact.url:
                items.append(Item("Contact page", r.contact.url))
            facts.append(Fact("Contact", tuple(items)))
        facts.append(Fact("Submitted", (when(r.submitted),)))
        if r.reviewed:
            facts.append(Fact("Last reviewed", (when(r.reviewed),)))
        return dict(title=r.title, subtitle=(Item(self.label("initiative-kinds", r.kind)),
                                             Item(self.label("initiative-statuses", r.status))),
                    summary=r.summary, facts=tuple(facts), body_html=self.md(r.body))

    # ---- countries, regions, topics

    def country_index(self, countries) -> Page:
        groups = defaultdict(list)
        for iso3 in countries:
            c = self.ref.countries[iso3]
            n = sum(len(v) for v in self.by_country[iso3].values())
            groups[c.wipo].append(Item(c.name, country_path(iso3), note=plural(n, "record", "records")))
        ordered = tuple((self.ref.wipo_regions[w], tuple(groups[w])) for w in self.ref.wipo_regions if w in groups)
        view = IndexView("Countries", "Every country that appears in a record, by WIPO regional grouping.", ordered)
        return Page("countries/index.html", "index-list.html", "Countries", view, nav="countries")

    def country_page(self, iso3: str) -> Page:
        c = self.ref.countries[iso3]
        current = c.history[-1]
        facts = [
            Fact("Codes", (Item(f"ISO 3166-1 {c.iso3} / {c.iso2}"), Item(f"UN M49 {c.m49}"))),
            Fact("UN M49 region", tuple(Item(self.ref.regions[code].name, region_path(m49_slug(code)))
                                       for code in (c.region, c.subregion, c.intermediate) if code)),
            Fact("WIPO regional grouping", (Item(self.ref.wipo_regions[c.wipo], region_path(c.wipo)),)),
            Fact("Classification today", (Item(STATUS_NAMES[current.status], note=current.note),)),
        ]
        history = tuple(StatusRow(STATUS_NAMES[p.status],
                                  Item(_day(p.start), iso=p.start.isoformat()) if p.start else None,
                                  Item(_day(p.end), iso=p.end.isoformat()) if p.end else None,
                                  p.note, p is current) for p in c.history)
        buckets = self.by_country[iso3]
        sections = []
        if self.hosted.get(iso3):
            sections.append(Section("hosted", f"Activities hosted or provided ({number(len(self.hosted[iso3]))})",
                                    self.cards("activity", self.hosted[iso3])))
        if self.benefited.get(iso3):
            sections.append(Section("benefited", f"Activities it benefited from ({number(len(self.benefited[iso3]))})",
                                    self.cards("activity", self.benefited[iso3])))
        sections += self.sections_for(buckets, exclude=("activities",),
                                      titles={"consultants": "Consultants from this country"})
        figures = tuple(Figure(number(len(s.cards)), s.title.rsplit(" (", 1)[0].lower(), f"#{s.id}") for s in sections)
        f = self.figures_for(country_path(iso3))
        mine = list(dict.fromkeys(self.hosted.get(iso3, []) + self.benefited.get(iso3, [])))
        partners = {p.country for i in buckets.get("initiatives", []) for p in i.partners if p.country} - {iso3}
        partners |= {c for a in mine for c in hosts_of(a) | beneficiaries_of(a)} - {iso3}
        charts = [f.activity_map("partner-map", mine, f"{c.name} and its partners",
                                 f"Countries that took part in activities with {c.name}, shaded by the number of "
                                 f"those activities; partners in activities and initiatives are outlined.",
                                 focus=iso3, highlight=partners)]
        flows = f.country_flows("country-flows", iso3, f"Who provided to whom, around {c.name}",
                                f"Activities between {c.name} and its main partners: rows provided, columns benefited.")
        if flows:
            charts.append(flows)
        view = HubView("Country", c.name, "", tuple(facts), tuple(sections), history,
                       f"Source: {self.ref.classification.classification}; {self.ref.classification.ldc}.", figures,
                       tuple(charts))
        crumbs = (Item("Countries", "countries/index.html"),)
        description = f"South-South cooperation in intellectual property involving {c.name}."
        feed = Item(f"Everything about {c.name}", f"countries/{iso3.lower()}/feed.xml")
        return Page(country_path(iso3), "hub.html", c.name, view, nav="countries", description=description,
                    breadcrumbs=crumbs, search=SearchData("Country", (("kind", "Country"),)),
                    feeds=(feed,))

    def region_index(self) -> Page:
        wipo = tuple(Item(name, region_path(code), note=self._count_note(self.by_region[code]))
                     for code, name in self.ref.wipo_regions.items() if code in self.by_region)
        m49 = []
        for code, region in self.ref.regions.items():
            slug = m49_slug(code)
            if slug in self.by_region:
                prefix = {"region": "", "sub-region": "— ", "intermediate-region": "— — "}[region.level]
                m49.append(Item(prefix + region.name, region_path(slug), note=self._count_note(self.by_region[slug])))
        view = IndexView("Regions", "Browse by WIPO regional grouping or by UN M49 geographic region.",
                         (("WIPO regional groupings", wipo), ("UN M49 regions", tuple(m49))))
        return Page("regions/index.html", "index-list.html", "Regions", view, nav="regions")

    def _count_note(self, buckets) -> str:
        return plural(sum(len(v) for v in buckets.values()), "record", "records")

    def region_page(self, slug: str) -> Page:
        name = self.region_name(slug)
        members = sorted((iso3 for iso3 in self.by_country if slug in self.regions_of(iso3)),
                         key=lambda c: self.ref.countries[c].name)
        if slug.startswith("m49-"):
            region = self.ref.regions[slug[4:]]
            kind = "UN M49 " + region.level.replace("-", " ")
            facts = [Fact("M49 code", (Item(region.code),))]
            if region.parent:
                facts.append(Fact("Part of", (Item(self.ref.regions[region.parent].name, region_path(m49_slug(region.parent))),)))
        else:
            kind, facts = "WIPO regional grouping", []
        facts.append(Fact("Countries with records", tuple(self.country(c) for c in members)))
        buckets = self.by_region[slug]
        figures = tuple(Figure(number(len(buckets.get(k.collection, []))), k.label_plural, f"#{k.collection}")
                        for k in KINDS if buckets.get(k.collection))
        f = self.figures_for(region_path(slug))
        members_set = set(members)
        mine = [a for a in self.catalog.records["activities"] if (hosts_of(a) | beneficiaries_of(a)) & members_set]
        charts = ()
        if mine:
            charts = (
                f.per_year_by_provider_region("region-per-year", mine, f"Activities involving {name}, per year",
                                              "Each year's activities with a host or beneficiary in the region, "
                                              "by the WIPO regional grouping of their hosts."),
                f.ranked("region-providers", mine, hosts_of, f"Providers to and within {name}",
                         "Countries that hosted or provided the most of these activities.", "Activities provided"),
            )
        view = HubView(kind, name, "", tuple(facts), self.sections_for(buckets), figures=figures, charts=charts)
        description = f"South-South cooperation in intellectual property in {name}."
        return Page(region_path(slug), "hub.html", name, view, nav="regions",
                    breadcrumbs=(Item("Regions", "regions/index.html"),), description=description,
                    search=SearchData("Region", (("kind", "Region"),)))

    def topic_index(self) -> Page:
        items = tuple(Item(t.label, topic_path(code), note=self._count_note(self.by_topic[code]))
                      for code, t in self.vocab["topics"].terms.items() if code in self.by_topic)
        view = IndexView("Topics", "Browse by area of intellectual property.", (("IP topics", items),))
        return Page("topics/index.html", "index-list.html", "Topics", view, nav="topics")

    def topic_page(self, code: str) -> Page:
        name = self.label("topics", code)
        buckets = self.by_topic[code]
        figures = tuple(Figure(number(len(buckets.get(k.collection, []))), k.label_plural, f"#{k.collection}")
                        for k in KINDS if buckets.get(k.collection))
        countries = Counter(c for a in buckets.get("activities", []) for c in record_countries("activity", a))
        facts = []
        if countries:
            top = sorted(countries, key=lambda c: (-countries[c], self.ref.countries[c].name))[:10]
            facts.append(Fact("Countries most involved in its activities", tuple(
                self.country(c, note=plural(countries[c], "activity", "activities")) for c in top)))
        view = HubView("Topic", name, "", tuple(facts), self.sections_for(buckets), figures=figures)
        description = f"South-South cooperation on {name.lower()}."
        return Page(topic_path(code), "hub.html", name, view, nav="topics",
                    breadcrumbs=(Item("Topics", "topics/index.html"),), description=description,
                    search=SearchData("Topic", (("kind", "Topic"),)))



def _day(d) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _plain(markdown_text: str, limit: int = 300) -> str:
    """A one-paragraph plain-text summary of Markdown, for meta descriptions."""
    text = " ".join(markdown_text.replace("#", " ").replace("*", "").replace("_", " ").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def derive(catalog: Catalog, config: SiteConfig, today, markdown_cache=None) -> Derived:
    return Deriver(catalog, config, today, markdown_cache).derive()
