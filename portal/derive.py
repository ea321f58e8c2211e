"""Stage 3, derive: from the validated catalog, every page of the site as a view model. Indexes
(records by country, region and topic; consultants' activities) are built once, in one pass."""

from __future__ import annotations

import json
import math
from urllib.parse import urlencode
from collections import Counter, defaultdict
from contextlib import contextmanager
import dataclasses
from dataclasses import dataclass

from .config import SiteConfig
from .i18n import SOURCE_LANGUAGE, Language, N_, _, active, ngettext, number, using
from .fields import PartialDate
from .markup import MarkdownRenderer
from .calendar import expiry_calendar
from .exports import CHANGELOG, LIST_SEPARATOR, Exporting
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
PDF = "data/case-studies.pdf"  # shared by every language, at the root
STATUS_NAMES = {
    "least-developed": N_("Least developed country"),
    "developing": N_("Developing economy"),
    "in-transition": N_("Economy in transition"),
    "developed": N_("Developed economy"),
}
STATUS_ON_DATE = {
    "least-developed": N_("least developed country on that date"),
    "developing": N_("developing economy on that date"),
    "in-transition": N_("economy in transition on that date"),
    "developed": N_("developed economy on that date"),
}
COLLECTION_INTROS = {
    "activities": N_("Technical-assistance activities in intellectual property where the host or provider and the "
                     "beneficiaries were all from the South on the activity's date."),
    "consultants": N_("Experts from developing countries, least developed countries and economies in transition, "
                      "with their languages, areas of expertise and the activities they worked on."),
    "needs": N_("IP-related development needs posted by offices and institutions of the South, looking for support."),
    "offers": N_("Resources offered by providers: training, expertise, funding and partnerships."),
    "case-studies": N_("How intellectual property served development, told country by country, with lessons."),
    "initiatives": N_("South-South and triangular partnerships in intellectual property, contributed by their "
                      "partners."),
    "matches": N_("Needs that found their partner: an offer or a roster consultant agreed to work with the seeker."),
}
# Kinds of record as the interface names them: (one, heading of the collection, in running text).
KIND_NAMES = {
    "activity": (N_("Activity"), N_("Activities"), N_("activities")),
    "consultant": (N_("Consultant"), N_("Consultants"), N_("consultants")),
    "need": (N_("Need"), N_("Needs"), N_("needs")),
    "offer": (N_("Offer"), N_("Offers"), N_("offers")),
    "case-study": (N_("Case study"), N_("Case studies"), N_("case studies")),
    "initiative": (N_("Initiative"), N_("Initiatives"), N_("initiatives")),
    "match": (N_("Match"), N_("Matches"), N_("matches")),
}
COOPERATION = {"south-south": N_("South-South"), "triangular": N_("Triangular")}


def kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind][0])


def kind_heading(kind: str) -> str:
    return _(KIND_NAMES[kind][1])


def kind_count(kind: str, n: int) -> str:
    """'3 activities', '1 case study', in the active language's plural forms."""
    forms = {
        "activity": lambda: ngettext("%(num)s activity", "%(num)s activities", n),
        "consultant": lambda: ngettext("%(num)s consultant", "%(num)s consultants", n),
        "need": lambda: ngettext("%(num)s need", "%(num)s needs", n),
        "offer": lambda: ngettext("%(num)s offer", "%(num)s offers", n),
        "case-study": lambda: ngettext("%(num)s case study", "%(num)s case studies", n),
        "initiative": lambda: ngettext("%(num)s initiative", "%(num)s initiatives", n),
        "match": lambda: ngettext("%(num)s match", "%(num)s matches", n),
    }
    return forms[kind]()


def records_count(n: int) -> str:
    return ngettext("%(num)s record", "%(num)s records", n)


# --------------------------------------------------------------------------- formatting


def _precision(d: PartialDate) -> str:
    return "day" if d.day else "month" if d.month else "year"


def format_date(d: PartialDate) -> str:
    return active().date(d.first_day, _precision(d))


def when(d: PartialDate | None) -> Item | None:
    return Item(format_date(d), iso=d.iso) if d else None


def dates(start: PartialDate | None, end: PartialDate | None) -> tuple:
    """A date, or a range written as the language writes ranges: '10–12 May 2019', '2019年5月10日至12日'."""
    if start is None:
        return ()
    if end is None or end == start:
        return (when(start),)
    precision = _precision(start)
    if precision == _precision(end):
        text = active().date_range(start.first_day, end.first_day, precision)
    else:
        text = f"{format_date(start)} – {format_date(end)}"
    return (Item(text, until_iso=end.iso, iso=start.iso),)


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


def page_window(current: int, total: int, around: int = 2) -> list[int]:
    """The page numbers a list's pagination links to: the first, the last, and `around` on each side of
    the current one; 0 stands for a gap ("…"), used only where it hides two pages or more. Linking every
    page from every page would make a collection's lists grow with the square of its size."""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    out: list[int] = []
    for n in shown:
        if out and n - out[-1] == 2:
            out.append(n - 1)
        elif out and n - out[-1] > 2:
            out.append(0)
        out.append(n)
    return out


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
class Edition:
    """The site in one language: its pages, and its other outputs (feeds, calendar), each by its path
    inside the language's folder."""

    language: Language
    pages: tuple  # Page
    files: dict  # path -> text


@dataclass(frozen=True)
class Derived:
    editions: tuple  # Edition, the default language first
    figures: dict  # name -> number, printed by the build
    files: dict  # outputs shared by every language (open data exports, sitemap): site path -> text or bytes
    default: str = SOURCE_LANGUAGE
    deriver: object = dataclasses.field(default=None, repr=False, compare=False)  # kept by `serve` for the next edit

    @property
    def pages(self) -> tuple:
        """Every page of every language."""
        return tuple(p for e in self.editions for p in e.pages)


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
        self._exporting = Exporting(catalog, today.isoformat())
        self._activity_pairs = activity_pairs(catalog.records["activities"])  # for every page's charts

    @property
    def exports(self) -> dict:
        """The open data files (site path -> bytes), made beside the pages for a large catalog."""
        return self._exporting.files()

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
            return self.m49_name(slug[4:])
        return self.wipo_name(slug)

    # ---- names, in the active language

    def cname(self, iso3: str) -> str:
        """A country's name: the UN English name, or CLDR's name in the active language."""
        c = self.ref.countries[iso3]
        return active().country(c.iso2, c.name)

    def wipo_name(self, code: str) -> str:
        return _(self.ref.wipo_regions[code])

    def m49_name(self, code: str) -> str:
        return _(self.ref.regions[code].name)

    def label(self, vocabulary: str, code: str) -> str:
        """A vocabulary term's label: languages from CLDR, every other vocabulary from the catalogs."""
        english = self.vocab[vocabulary].label(code)
        if vocabulary == "languages":
            return active().language_name(code, english)
        return _(english)

    def by_name(self, iso3s) -> list:
        """Countries in the alphabetical order of their names in the active language."""
        return sorted(iso3s, key=lambda c: (self.cname(c).casefold(), c))

    # ---- small builders

    def country(self, iso3: str, note: str = "") -> Item:
        """A country's name, linked to its page when it has one (every country in a record's own scope does)."""
        href = country_path(iso3) if iso3 in self.by_country else None
        return Item(self.cname(iso3), href, note=note)

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
            where = _(", ").join(x for x in (place, self.cname(r.venue.country) if r.venue and r.venue.country else None) if x)
            meta.append(Item(where or self.label("activity-modes", r.mode)))
            beneficiaries = _(", ").join(self.cname(b.country) for b in r.beneficiaries[:6])
            if len(r.beneficiaries) > 6:
                beneficiaries = ngettext("%(countries)s and %(num)s more", "%(countries)s and %(num)s more",
                                         len(r.beneficiaries) - 6, countries=beneficiaries)
            summary = _("Hosted by %(hosts)s; for %(beneficiaries)s", hosts=_(", ").join(self.cname(c) for c in r.hosts),
                        beneficiaries=beneficiaries)
        elif kind == "consultant":
            meta = [Item(self.cname(r.nationality)), Item(_(", ").join(self.label("languages", c) for c in r.languages))]
            summary = r.position or ""
        elif kind in ("need", "offer"):
            org = r.seeker if kind == "need" else r.provider
            status = _("Expired") if self.expired(r) else self.label("matchmaking-statuses", r.status)
            meta = [Item(status), Item(org.name), *dates(r.posted, None)]
            summary = _(", ").join(self.label("support-types", s) for s in r.support_types)
        elif kind == "case-study":
            meta = [Item(_(", ").join(self.cname(c) for c in r.countries)), *dates(r.year, None)]
            summary = r.summary
        elif kind == "match":
            meta = [Item(self.label("support-types", r.type)), *dates(r.date, None)]
            summary = self.match_summary(r)
        else:
            meta = [Item(self.label("initiative-kinds", r.kind)), Item(self.label("initiative-statuses", r.status)),
                    *dates(r.start, r.end)]
            summary = r.summary
        title, lang = (r.name, "") if kind == "consultant" else self.text(r, "title")
        if kind in ("case-study", "initiative"):
            summary, summary_lang = self.text(r, "summary")
            lang = lang or summary_lang
        return Card(record_path(k.collection, r.id), title, kind_name(kind), tuple(meta), summary, tags, lang)

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

    def sections_for(self, buckets: dict, exclude: tuple = (), titles: dict | None = None, all_of=None) -> tuple:
        """One section per collection that has records in `buckets`, each capped as hub_section does."""
        out = []
        for kind in KINDS:
            if kind.collection in exclude:
                continue
            records = buckets.get(kind.collection, [])
            if records:
                title = (titles or {}).get(kind.collection, kind_heading(kind.name))
                out.append(self.hub_section(kind, kind.collection, _("%(title)s (%(count)s)", title=title,
                                                                      count=number(len(records))),
                                            records, all_of))
        return tuple(out)

    def hub_section(self, kind, id_: str, title: str, records, all_of=None) -> Section:
        """A country, region or topic page's list of one collection: the newest page_size records and,
        when there are more, a link to all of them (more_link(kind, records, *all_of)). Listing every
        record would make a region's page grow with the whole catalog (megabytes at 10,000)."""
        shown = records[:max(1, self.config.page_size)]
        link = self.more_link(kind, records, *all_of) if all_of and len(shown) < len(records) else None
        return Section(id_, title, self.cards(kind.name, shown), more=link)

    def more_link(self, kind, records, facet: str, code: str, filters: tuple) -> Item:
        """All of a hub's records of one kind: the collection's list for that facet value if it has one,
        else the search page with the same filters (`filters`: (name, value) pairs)."""
        if facet in dict(self.FACETS[kind.name]):
            return Item(_("All %(records)s", records=kind_count(kind.name, len(records))),
                        listing_path(kind.collection, facet, code))
        query = urlencode((("kind", kind_name(kind.name)),) + tuple(filters))
        return Item(_("See them all in search"), f"search/index.html?{query}")

    # ---- pages

    def edition(self, language: Language) -> Edition:
        """Every page of the site in one language (paths relative to that language's folder)."""
        with self._speaking(language):
            return self._edition(language)

    def compilation_in(self, language: Language) -> Page:
        """The case studies' printable page in one language (the build prints it while deriving the rest)."""
        with self._speaking(language):
            return self.compilation()

    def record_pages(self, language: Language, kind, records) -> list[Page]:
        """The pages of some records in one language (what `serve` rewrites first after an edit)."""
        with self._speaking(language):
            return [self.record_page(kind, r) for r in records]

    @contextmanager
    def _speaking(self, language: Language):
        self._cards = {}
        self.language = language
        self.base_url = f"{self.config.base_url.rstrip('/')}/{language.code}/" if self.config.base_url else ""
        with using(language):
            yield

    def _edition(self, language: Language) -> Edition:
        pages = [self.home(), self.about(), self.contribute(), self.not_found(), self.search_page()]
        for kind in KINDS:
            pages += self.listings(kind)
            pages += [self.record_page(kind, r) for r in self.catalog.records[kind.collection]]
        countries = self.by_name(self.by_country)
        pages.append(self.country_index(countries))
        pages += [self.country_page(c) for c in countries]
        pages.append(self.region_index())
        pages += [self.region_page(slug) for slug in sorted(self.by_region)]
        pages.append(self.topic_index())
        pages += [self.topic_page(code) for code in self.vocab["topics"].terms if code in self.by_topic]
        files = {CALENDAR: self.calendar()}
        feeds = self.feeds(countries)
        for feed in feeds:
            files[feed.path] = render_atom(feed, _(self.config.title), self.base_url, self.today.isoformat())
        pages.append(self.compilation())
        pages.append(self.data_page({**files, **self.exports}, feeds))
        return Edition(language, tuple(pages), files)

    # ---- open data and subscriptions

    SITE_FEEDS = (("initiatives", N_("New and updated initiatives"), ("initiative",)),
                  ("matchmaking", N_("New needs and offers"), ("need", "offer")),
                  ("activities", N_("Activities"), ("activity",)))

    def entry(self, kind: str, r) -> Entry:
        if kind == "initiative":
            updated = (r.reviewed or r.submitted).first_day
        else:
            updated = record_date(kind, r).first_day
        card = self.cards(kind, [r])[0]
        return Entry(card.href, card.title, updated.isoformat(), card.summary or _plain(getattr(r, "description", "")),
                     kind_name(kind))

    def feeds(self, countries) -> list[Feed]:
        out = []
        for slug, title, kinds in self.SITE_FEEDS:
            entries = [self.entry(k, r) for k in kinds for r in self.catalog.records[BY_NAME[k].collection]]
            entries.sort(key=lambda e: (e.updated, e.path), reverse=True)
            out.append(Feed(f"feeds/{slug}.xml", _(title), tuple(entries)))
        for iso3 in countries:
            entries = [self.entry(kind.name, r) for kind in KINDS for r in self.by_country[iso3].get(kind.collection, [])]
            entries.sort(key=lambda e: (e.updated, e.path), reverse=True)
            out.append(Feed(f"countries/{iso3.lower()}/feed.xml", _("Everything about %(country)s", country=self.cname(iso3)),
                            tuple(entries)))
        return out

    def compilation(self) -> Page:
        stories = newest_first("case-study", self.catalog.records["case-studies"])
        items = []
        for r in stories:
            view = self.translate_view("case-study", r, self.view_case_study(r), id_prefix=r.id)  # ids kept apart
            items.append((f"case-{r.id}", RecordView(kind=kind_name("case-study"), source_path=r.path, **view)))
        items = tuple(items)
        view = CompilationView(
            ngettext("%(num)s case study of South-South cooperation in intellectual property, on one page for "
                     "printing.",
                     "%(num)s case studies of South-South cooperation in intellectual property, newest first, on one "
                     "page for printing.", len(stories)),
            Item(_("Download them as one PDF file (in English)") if self.language.code != SOURCE_LANGUAGE
                 else _("Download them as one PDF file"), PDF), items)
        return Page(COMPILATION, "compilation.html", _("Case studies: the compilation"), view, nav="case-studies",
                    description=_("Every case study on one printable page, and as a PDF file."),
                    breadcrumbs=(Item(kind_heading("case-study"), listing_path("case-studies")),))

    def data_page(self, files: dict, feeds) -> Page:
        def size(path: str) -> str:
            n = len(files[path]) if isinstance(files[path], bytes) else len(files[path].encode("utf-8"))
            return _("%(kb)s KB", kb=number(round(n / 1024))) if n >= 1024 else ngettext("%(num)s byte", "%(num)s bytes", n)

        collections = []
        for kind in KINDS:
            n = len(self.catalog.records[kind.collection])
            what = kind_count(kind.name, n)
            base = f"data/{kind.collection}"
            heading = kind_heading(kind.name)
            collections += [
                DataFile(_("%(records)s (JSON)", records=heading), f"{base}.json", "JSON", size(f"{base}.json"),
                         _("%(count)s, with every field; references to other records by id.", count=what)),
                DataFile(_("%(records)s (CSV)", records=heading), f"{base}.csv", "CSV", size(f"{base}.csv"),
                         _("%(count)s, one row each, UTF-8 with a byte-order mark for spreadsheet programs.", count=what)),
                DataFile(_("%(records)s: JSON Schema of the export", records=heading),
                         f"data/schemas/{kind.collection}.schema.json", "JSON Schema",
                         size(f"data/schemas/{kind.collection}.schema.json"), _("The structure of the JSON file.")),
                DataFile(_("%(records)s: JSON Schema of the record format", records=heading),
                         f"data/schemas/records/{kind.schema_file}", "JSON Schema",
                         size(f"data/schemas/records/{kind.schema_file}"),
                         _("The format of one record file in the repository, as editors check it.")),
            ]
        everything = DataFile(_("Everything"), "data/all-data.zip", "ZIP", size("data/all-data.zip"),
                              _("All JSON, CSV and schema files in one download."))
        collections += [
            DataFile(_("Case studies: printable compilation"), COMPILATION, "HTML", _("one page"),
                     _("Every case study on one page, with a print stylesheet.")),
            DataFile(_("Case studies: PDF"), PDF, "PDF", _("built with the site"),
                     _("The compilation as one PDF file, in the records' original language.")),
        ]
        site_feeds = tuple(DataFile(f.title, f.path, "Atom", size(f.path), _("Newest first."))
                           for f in feeds if f.path.startswith("feeds/"))
        site_feeds += (DataFile(_("Closing dates of open needs"), CALENDAR, "iCalendar", size(CALENDAR),
                                _("Subscribe in a calendar program.")),)
        activities = self.catalog.records["activities"]
        chart = self.figures_for("data/index.html").activity_map(
            "data-map", activities, _("Activities by country"),
            _("Countries shaded by the number of activities they hosted or benefited from."))
        view = DataView(tuple(collections), everything, site_feeds, CHANGELOG, LIST_SEPARATOR, (chart,))
        return Page("data/index.html", "data.html", _("Open data"), view, nav="data",
                    description=_("Every record as JSON and CSV, with schemas, feeds and a calendar."))

    def calendar(self) -> str:
        open_needs = [n for n in newest_first("need", self.catalog.records["needs"])
                      if n.status == "open" and n.expires and not self.expired(n)]
        open_needs.sort(key=lambda n: (n.expires.last_day, n.id))
        return expiry_calendar([(n, n.seeker.name) for n in open_needs], self.today, _(self.config.title),
                               self.base_url, lambda n: record_path("needs", n.id))

    def home(self) -> Page:
        activities = self.catalog.records["activities"]
        involved = {c for a in activities for c in record_countries("activity", a)}
        open_needs = [n for n in newest_first("need", self.catalog.records["needs"])
                      if n.status == "open" and not self.expired(n)]
        figures = (
            Figure(number(len(activities)), _("activities"), listing_path("activities")),
            Figure(number(len(involved)), _("countries involved"), "countries/index.html"),
            Figure(number(len(self.catalog.records["consultants"])), _("consultants"), listing_path("consultants")),
            Figure(number(len(self.catalog.records["initiatives"])), _("initiatives"), listing_path("initiatives")),
            Figure(number(len(open_needs)), _("open needs"), listing_path("needs", "status", "open")),
        )
        latest = newest_first("initiative", self.catalog.records["initiatives"])[:4]
        sections = (
            Section("latest-initiatives", _("Latest initiatives"), self.cards("initiative", latest),
                    more=Item(_("All initiatives"), listing_path("initiatives"))),
            Section("open-needs", _("Open needs"), self.cards("need", open_needs[:4]),
                    empty=_("No open needs at the moment."), more=Item(_("All needs"), listing_path("needs"))),
        )
        wipo = tuple(Item(self.wipo_name(code), region_path(code)) for code in self.ref.wipo_regions if code in self.by_region)
        topics = tuple(Item(self.label("topics", code), topic_path(code)) for code in self.vocab["topics"].terms
                       if code in self.by_topic)
        top_countries = sorted(self.by_country, key=lambda c: (-sum(len(v) for v in self.by_country[c].values()), c))[:12]
        countries = tuple(self.country(c) for c in self.by_name(top_countries))
        browse = ((_("By region"), wipo), (_("By topic"), topics),
                  (_("By country"), countries + (Item(_("All countries"), "countries/index.html"),)))
        feeds = tuple(Item(_(title), f"feeds/{slug}.xml") for slug, title, _kinds in self.SITE_FEEDS)
        f = self.figures_for("index.html")
        charts = (
            f.activity_map("activity-map", activities, _("Where the activities were"),
                           _("Countries shaded by the number of activities they hosted or benefited from.")),
            f.per_year_by_provider_region("activities-per-year", activities, _("Activities per year"),
                                          _("Activities each year, by the WIPO regional grouping of their hosts.")),
            f.regional_flows("regional-flows", activities, _("Who provided to whom"),
                             _("Activities by the region of their hosts (rows) and of their beneficiaries (columns).")),
            f.ranked("top-providers", activities, hosts_of, _("Most active providers"),
                     _("Countries that hosted or provided the most activities."), _("Activities provided")),
            f.ranked("top-beneficiaries", activities, beneficiaries_of, _("Most frequent beneficiaries"),
                     _("Countries that benefited from the most activities."), _("Activities received")),
            f.topics_over_time("topics-over-time", activities, _("Topics over time"),
                               _("Activities per IP topic and year.")),
        )
        return Page("index.html", "home.html", _(self.config.title), HomeView(figures, sections, browse, charts),
                    nav="home", description=_(self.config.tagline), feeds=feeds)

    def about(self) -> Page:
        c = self.ref.classification
        facts = (
            Fact(_("Development status"), (Item(c.classification),)),
            Fact(_("Least developed countries"), (Item(c.ldc),)),
            Fact(_("Edition"), (Item(c.edition),)),
            Fact(_("Last reviewed"), (Item(c.reviewed),)),
            Fact(_("Country codes and regions"), (Item(c.identity),)),
            Fact(_("Documented choices"), (Item(c.overrides),)),
        )
        counts = Counter(country.history[-1].status for country in self.ref.countries.values())
        status_counts = tuple(Item(_(STATUS_NAMES[s]), note=number(counts[s])) for s in STATUS_LABELS)
        return Page("about/index.html", "about.html", _("About"), AboutView(facts, status_counts), nav="about",
                    description=_("What South-South and triangular cooperation in intellectual property are, and how "
                                  "this portal classifies countries."))

    def contribute(self) -> Page:
        from .contribute import contribute_view

        return Page("contribute/index.html", "contribute.html", _("Contribute"), contribute_view(self.ref, self.config),
                    nav="contribute",
                    description=_("How to add a partnership initiative or another record to the portal."))

    def search_page(self) -> Page:
        browse = tuple(Item(kind_heading(k.name), listing_path(k.collection)) for k in KINDS if k.name != "match")
        browse += (Item(_("Countries"), "countries/index.html"), Item(_("Regions"), "regions/index.html"),
                   Item(_("Topics"), "topics/index.html"))
        return Page("search/index.html", "search.html", _("Search"), browse, nav="search",
                    description=_("Search every activity, consultant, need, offer, case study and initiative."))

    def not_found(self) -> Page:
        return Page("404.html", "404.html", _("Page not found"), None)

    # ---- collection lists with static facets

    FACETS = {
        "activity": (("region", N_("Region")), ("topic", N_("Topic")), ("type", N_("Type")), ("year", N_("Year"))),
        "consultant": (("region", N_("Region")), ("topic", N_("Expertise")), ("language", N_("Language"))),
        "need": (("status", N_("Status")), ("region", N_("Region")), ("topic", N_("Topic")),
                 ("support", N_("Support type"))),
        "offer": (("status", N_("Status")), ("region", N_("Region")), ("topic", N_("Topic")),
                  ("support", N_("Support type"))),
        "case-study": (("region", N_("Region")), ("topic", N_("Topic")), ("year", N_("Year"))),
        "initiative": (("kind", N_("Kind")), ("status", N_("Status")), ("region", N_("Region")), ("topic", N_("Topic"))),
        "match": (("support", N_("Match type")), ("region", N_("Region")), ("year", N_("Year"))),
    }

    def facet_values(self, kind: str, facet: str, r) -> list[tuple[str, str]]:
        """(value code, label) pairs of one record for one facet."""
        if facet == "region":
            return [(w, self.wipo_name(w)) for w in
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
        for facet, _label in self.FACETS[kind.name]:
            groups: dict[str, tuple[str, list]] = {}
            for r in records:
                for code, label in self.facet_values(kind.name, facet, r):
                    groups.setdefault(code, (label, []))[1].append(r)
            order = sorted(groups, reverse=True) if facet == "year" else sorted(groups, key=lambda c: groups[c][0].casefold())
            values[facet] = {code: groups[code] for code in order}
        # Every list of the collection shows the same facet options; only the current one differs.
        options = {f: tuple(FacetOption(text, listing_path(kind.collection, f, code), len(subset))
                            for code, (text, subset) in values[f].items()) for f, _label in self.FACETS[kind.name]}
        pages = self.paginate(kind, records, values, options, None, None)
        for facet, _label in self.FACETS[kind.name]:
            for code, (label, subset) in values[facet].items():
                pages += self.paginate(kind, subset, values, options, facet, code, label)
        return pages

    def paginate(self, kind, records, values, options, facet, value, value_label: str = "") -> list[Page]:
        size = max(1, self.config.page_size)
        total_pages = max(1, math.ceil(len(records) / size))
        facet_groups = tuple(
            FacetGroup(_(label), options[f] if f != facet else tuple(
                dataclasses.replace(option, current=True) if code == value else option
                for code, option in zip(values[f], options[f])))
            for f, label in self.FACETS[kind.name])
        heading = kind_heading(kind.name)
        flabel = _(dict(self.FACETS[kind.name]).get(facet, ""))
        title = _("%(records)s: %(value)s", records=heading, value=value_label) if facet else heading
        pages = []
        for n in range(1, total_pages + 1):
            chunk = records[(n - 1) * size: n * size]
            pagination = None
            if total_pages > 1:
                pagination = Pagination(
                    n, total_pages,
                    listing_path(kind.collection, facet, value, n - 1) if n > 1 else None,
                    listing_path(kind.collection, facet, value, n + 1) if n < total_pages else None,
                    tuple(Item(number(i), listing_path(kind.collection, facet, value, i), note="current" if i == n else "")
                          if i else Item("…") for i in page_window(n, total_pages)))
            count_text = kind_count(kind.name, len(records))
            if total_pages > 1:
                first, last = (n - 1) * size + 1, (n - 1) * size + len(chunk)
                count_text = _("%(count)s, %(first)s–%(last)s shown", count=count_text, first=number(first), last=number(last))
            view = ListView(heading=title, intro=_(COLLECTION_INTROS[kind.collection]), collection=kind.collection,
                            cards=self.cards(kind.name, chunk), count_text=count_text, facets=facet_groups,
                            pagination=pagination,
                            filter=Item(_("%(facet)s: %(value)s", facet=flabel, value=value_label),
                                        listing_path(kind.collection)) if facet else None,
                            feeds=(Item(_("Calendar of open needs' closing dates (.ics)"), CALENDAR),)
                            if kind.name == "need" else
                            (Item(_("All case studies on one printable page"), COMPILATION), Item(_("… or as a PDF"), PDF))
                            if kind.name == "case-study" else ())
            page_title = _("%(title)s (page %(page)s of %(pages)s)", title=title, page=number(n),
                           pages=number(total_pages)) if total_pages > 1 else title
            crumbs = (Item(heading, listing_path(kind.collection)),) if facet else ()
            pages.append(Page(listing_path(kind.collection, facet, value, n), "list.html", page_title, view,
                              nav=kind.collection, description=_(COLLECTION_INTROS[kind.collection]), breadcrumbs=crumbs))
        return pages

    # ---- record pages

    # The texts a record may have translated: part of the page -> field of the record.
    TEXTS = {
        "activity": {"title": "title", "body": "description"},
        "consultant": {"body": "biography"},
        "need": {"title": "title", "body": "description"},
        "offer": {"title": "title", "body": "description"},
        "case-study": {"title": "title", "summary": "summary", "body": "body"},
        "initiative": {"title": "title", "summary": "summary", "body": "body"},
        "match": {"title": "title", "body": "outcome"},
    }

    def text(self, r, field: str) -> tuple[str, str]:
        """A record's text in the active language: its translation, or else the original with the
        code of the language it is written in ('' when that is the page's language)."""
        return self.text_in(r, field, self.language.code)

    @staticmethod
    def text_in(r, field: str, lang: str) -> tuple[str, str]:
        original = r.language or SOURCE_LANGUAGE
        value = r.body if field == "body" else getattr(r, field)
        if original == lang:
            return value, ""
        translation = getattr(r.translations, lang, None) if r.translations else None
        translated = getattr(translation, field, None) if translation else None
        return (translated, "") if translated else (value, original)

    def markdown_texts(self, languages) -> list[tuple[str, str]]:
        """Every (Markdown text, id prefix) the pages of these languages will show, so that they can
        be converted ahead, all at once."""
        out = []
        for kind in KINDS:
            field = self.TEXTS[kind.name]["body"]
            for r in self.catalog.records[kind.collection]:
                for lang in languages:
                    text = self.text_in(r, field, lang)[0] or ""
                    out.append((text, ""))
                    if kind.name == "case-study":
                        out.append((text, r.id))  # the compilation page keeps each study's ids apart
        return out

    def translate_view(self, kind: str, r, view: dict, id_prefix: str = "") -> dict:
        """Put a record's translated texts into its view, and say in the page's language which are
        still in their original language."""
        texts = self.TEXTS[kind]
        langs = {}
        for part, field in texts.items():
            value, lang = self.text(r, field)
            langs[part] = lang
            if part == "title":
                view["title"] = value
            elif part == "summary":
                view["summary"] = value
            else:
                view["body_html"] = self.md(value or "", id_prefix=id_prefix)  # converted once, here
                if view.get("summary") is None:
                    view["summary"] = _plain(value or "")
        original = next((lang for lang in langs.values() if lang), "")
        view["title_lang"] = langs.get("title", "")
        view["body_lang"] = langs.get("body", "")
        if original:
            view["translation_note"] = _("Not yet translated into %(language)s: shown in the original %(original)s.",
                                         language=self.language.name_in(self.language),
                                         original=active().language_name(original, self.vocab["languages"].label(original)))
        return view

    def record_page(self, kind, r) -> Page:
        builder = getattr(self, "view_" + kind.name.replace("-", "_"))
        view = self.translate_view(kind.name, r, builder(r))
        view = RecordView(kind=kind_name(kind.name), source_path=r.path,
                          edit_href=f"{self.config.repository.rstrip('/')}/blob/main/{r.path}" if self.config.repository else "",
                          **view)
        crumbs = (Item(kind_heading(kind.name), listing_path(kind.collection)),)
        return Page(record_path(kind.collection, r.id), "record.html", view.title, view, nav=kind.collection,
                    description=view.summary[:300], breadcrumbs=crumbs, search=self.search_data(kind, r),
                    jsonld=self.jsonld(kind.name, r, view.summary))

    def jsonld(self, kind: str, r, summary: str) -> str:
        """schema.org data where a type fits: an activity is an Event, a case study an Article, an
        initiative a Project. URLs are absolute only when the site's address is configured."""
        url = {"url": self.base_url + record_path(BY_NAME[kind].collection, r.id)} if self.base_url else {}
        country = lambda iso3: {"@type": "Country", "name": self.cname(iso3)}  # noqa: E731
        if kind == "activity":
            data = {"@type": "Event", "name": r.title, "description": summary, "startDate": r.start.iso,
                    "eventAttendanceMode": {"in-person": "https://schema.org/OfflineEventAttendanceMode",
                                            "online": "https://schema.org/OnlineEventAttendanceMode",
                                            "hybrid": "https://schema.org/MixedEventAttendanceMode"}[r.mode]}
            if r.end:
                data["endDate"] = r.end.iso
            if r.venue and r.venue.country:
                data["location"] = {"@type": "Place", "name": r.venue.city or self.cname(r.venue.country),
                                    "address": {"@type": "PostalAddress", "addressCountry": self.ref.countries[r.venue.country].iso2,
                                                **({"addressLocality": r.venue.city} if r.venue.city else {})}}
            else:
                data["location"] = {"@type": "VirtualLocation", "name": _("Online")}
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
        filters = [("kind", kind_name(kind.name))]
        filters += [("country", self.cname(c)) for c in countries]
        filters += [("region", self.wipo_name(w)) for w in dict.fromkeys(self.ref.countries[c].wipo for c in countries)]
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
        return SearchData(kind_name(kind.name), tuple(filters),
                          _(", ").join(self.cname(c) for c in countries), str(when_.year),
                          when_.first_day.isoformat())

    def sources(self, sources) -> Fact | None:
        if not sources:
            return None
        return Fact(_("Sources"), tuple(Item(s.title, s.url) for s in sources))

    def organizations(self, label, orgs) -> Fact | None:
        if not orgs:
            return None
        return Fact(label, tuple(Item(
            o.name, note=_(", ").join(x for x in (self.label("organization-types", o.type),
                                               self.cname(o.country) if o.country else "") if x))
            for o in orgs))

    def status_note(self, iso3: str, day) -> str:
        period = self.ref.countries[iso3].status_on(day)
        return _(STATUS_ON_DATE[period.status])

    def view_activity(self, a) -> dict:
        day = a.start.first_day
        total = sum(b.participants or 0 for b in a.beneficiaries)
        counted = any(b.participants is not None for b in a.beneficiaries)
        facts = [
            Fact(_("Type"), (Item(self.label("activity-types", a.type)),)),
            Fact(_("Mode"), (Item(self.label("activity-modes", a.mode)),)),
            Fact(_("Dates"), dates(a.start, a.end)),
        ]
        if a.venue and (a.venue.city or a.venue.country):
            items = ((Item(a.venue.city),) if a.venue.city else ()) + ((self.country(a.venue.country),) if a.venue.country else ())
            facts.append(Fact(_("Venue"), items))
        facts += [
            Fact(_("Host or provider countries"), tuple(self.country(c, self.status_note(c, day)) for c in a.hosts)),
            Fact(_("Beneficiary countries"), tuple(self.country(
                b.country, _("; ").join(x for x in (ngettext("%(num)s participant", "%(num)s participants", b.participants)
                                                    if b.participants is not None else "",
                                                 self.status_note(b.country, day)) if x)) for b in a.beneficiaries)),
        ]
        if counted:
            facts.append(Fact(_("Participants"), (Item(number(total)),)))
        facts += [
            Fact(_("Topics"), tuple(self.topic(t) for t in a.topics)),
            Fact(_("Languages"), self.languages(a.languages)),
        ]
        if a.requester:
            facts.append(Fact(_("Requested by"), (Item(a.requester),)))
        facts += [f for f in (self.organizations(_("Organizers"), a.organizers),) if f]
        consultants = [self.catalog.get("consultants", cid) for cid in a.consultants]
        if consultants:
            facts.append(Fact(_("Consultants"), tuple(Item(c.name, record_path("consultants", c.id)) for c in consultants)))
        facts += [f for f in (self.sources(a.sources),) if f]
        return dict(title=a.title, subtitle=(Item(self.label("activity-types", a.type)), *dates(a.start, a.end)),
                    summary=None, facts=tuple(facts))

    def view_consultant(self, c) -> dict:
        facts = [Fact(_("Nationality"), (self.country(c.nationality),))]
        if c.position:
            facts.append(Fact(_("Position"), (Item(c.position),)))
        facts += [
            Fact(_("Languages"), self.languages(c.languages)),
            Fact(_("Expertise"), tuple(self.topic(t) for t in c.expertise)),
        ]
        if c.regions:
            facts.append(Fact(_("Countries worked in"), tuple(self.country(x) for x in c.regions)))
        facts.append(Fact(_("On the roster since"), (when(c.listed),)))
        contact = []
        if c.profile:
            contact.append(Item(_("Public profile"), c.profile))
        if self.config.roster_contact:
            contact.append(Item(_("Roster team: %(address)s", address=self.config.roster_contact),
                                f"mailto:{self.config.roster_contact}"))
        if contact:
            facts.append(Fact(_("Contact"), tuple(contact)))
        activities = self.consultant_activities.get(c.id, [])
        sections = [Section("activities", _("Activities (%(count)s)", count=number(len(activities))),
                            self.cards("activity", activities), empty=_("No activities recorded yet."))]
        sections += self.match_sections(("consultant", c.id))
        suggestions = (self.suggestion_list("suggested-needs", _("Open needs matching this expertise"),
                                            _("Needs posted on the portal that this consultant could help with."),
                                            self.suggestions.for_consultant.get(c.id, ()),
                                            _("No open need matches this expertise at the moment.")),)
        return dict(title=c.name, subtitle=(Item(self.cname(c.nationality)),), summary=None,
                    facts=tuple(facts), sections=tuple(sections),
                    suggestions=suggestions)

    def _matchmaking(self, r, org_label: str, org) -> dict:
        expired = self.expired(r)
        status = self.label("matchmaking-statuses", r.status)
        facts = [
            Fact(_("Status"), (Item(_("Expired (was %(status)s)", status=status) if expired else status),)),
            Fact(org_label, (Item(org.name, note=self.label("organization-types", org.type)),)
                 + ((self.country(org.country),) if org.country else ())),
            Fact(_("Topics"), tuple(self.topic(t) for t in r.topics)),
            Fact(_("Support"), tuple(Item(self.label("support-types", s)) for s in r.support_types)),
            Fact(_("Languages"), self.languages(r.languages)),
            Fact(_("Posted"), (when(r.posted),)),
        ]
        if r.expires:
            facts.append(Fact(_("Expired on") if expired else _("Open until"), (when(r.expires),)))
        kind = "need" if hasattr(r, "seeker") else "offer"
        notice = ""
        if expired:
            notice = (_("This need expired on %(date)s and is no longer suggested to others. If it is still current, "
                        "its poster can renew it.", date=format_date(r.expires)) if kind == "need" else
                      _("This offer expired on %(date)s and is no longer suggested to others. If it is still current, "
                        "its poster can renew it.", date=format_date(r.expires)))
        return dict(title=r.title, subtitle=(Item(_("Expired") if expired else status), Item(org.name)),
                    summary=None, facts=tuple(facts), notice=notice,
                    sections=tuple(self.match_sections((kind, r.id))))

    def view_need(self, r) -> dict:
        view = self._matchmaking(r, _("Posted by"), r.seeker)
        if r.id in self.suggestions.for_need:  # open, unexpired and not yet matched
            offers, consultants = self.suggestions.for_need[r.id]
            view["suggestions"] = (
                self.suggestion_list("suggested-offers", _("Suggested offers"), _("Offers on the portal that could "
                                     "meet this need, best first."), offers, _("No open offer fits this need yet.")),
                self.suggestion_list("suggested-consultants", _("Suggested consultants"), _("Roster consultants whose "
                                     "expertise fits this need, best first."), consultants,
                                     _("No consultant on the roster fits this need yet.")),
            )
        return view

    def view_offer(self, r) -> dict:
        view = self._matchmaking(r, _("Offered by"), r.provider)
        if r.status == "open" and not self.expired(r):
            view["suggestions"] = (self.suggestion_list(
                "suggested-needs", _("Needs it could serve"), _("Open needs that this offer could meet, best first."),
                self.suggestions.for_offer.get(r.id, ()), _("No open need fits this offer at the moment.")),)
        return view

    # ---- matchmaking

    def suggestion_list(self, id_: str, title: str, intro: str, found, empty: str) -> SuggestionList:
        return SuggestionList(id_, title, intro, tuple(self.suggestion_item(s) for s in found), empty)

    def suggestion_item(self, s: Suggestion) -> SuggestionItem:
        collection = {"offer": "offers", "need": "needs", "consultant": "consultants"}[s.kind]
        r = self.catalog.get(collection, s.id)
        if s.kind == "consultant":
            title, meta = r.name, (Item(self.cname(r.nationality)),)
        else:
            org = r.seeker if s.kind == "need" else r.provider
            title = r.title
            meta = (Item(org.name + (_(", ") + self.cname(org.country) if org.country else "")),)
        return SuggestionItem(record_path(collection, s.id), title, kind_name(s.kind),
                              s.score, tuple(self.reason(s.kind, *reason) for reason in s.reasons),
                              _(COOPERATION[s.cooperation]), meta)

    def reason(self, kind: str, what: str, codes: tuple) -> str:
        """One reason a suggestion fits, in words (portal/matching.py gives it as codes)."""
        if what == "topics":
            return _("Shared topics: %(topics)s", topics=_(", ").join(self.label("topics", t) for t in codes))
        if what == "support":
            return _("Provides %(support)s, which the need asks for",
                     support=_(" and ").join(self.label("support-types", t) for t in codes))
        if what == "languages":
            return _("Common language: %(languages)s",
                     languages=_(", ").join(self.label("languages", c) for c in codes))
        if what == "region":
            return _("Both in %(region)s", region=self.wipo_name(codes[0]))
        if what == "worked-for":
            return _("Has worked for %(country)s before", country=self.cname(codes[0]))
        if what == "hosted-for":
            return _("%(provider)s has hosted activities for %(country)s before", provider=self.cname(codes[0]),
                     country=self.cname(codes[1]))
        return _("Similar description")

    def match_summary(self, m) -> str:
        need = self.catalog.get("needs", m.need)
        if m.offer:
            other = self.catalog.get("offers", m.offer).provider.name
        else:
            other = self.catalog.get("consultants", m.consultant).name
        return _("%(seeker)s and %(partner)s", seeker=need.seeker.name, partner=other)

    def match_sections(self, key) -> list:
        found = self.matches_of.get(key, [])
        if not found:
            return []
        return [Section("matches", _("Recorded matches (%(count)s)", count=number(len(found))), self.cards("match", found))]

    def match_cooperation(self, m) -> str:
        countries = [c for c in record_countries("match", m, self.catalog)]
        need = self.catalog.get("needs", m.need)
        other = self.catalog.get("offers", m.offer).provider if m.offer else None
        day = m.date.first_day
        parties_have_country = need.seeker.country and (other is None or other.country)
        southern = all(self.ref.countries[c].status_on(day).southern for c in countries)
        kind = "south-south" if southern and parties_have_country else "triangular"
        return _(COOPERATION[kind])

    def view_match(self, m) -> dict:
        need = self.catalog.get("needs", m.need)
        facts = [
            Fact(_("Need"), (Item(need.title, record_path("needs", need.id), note=need.seeker.name),)),
        ]
        if m.offer:
            offer = self.catalog.get("offers", m.offer)
            facts.append(Fact(_("Offer"), (Item(offer.title, record_path("offers", offer.id), note=offer.provider.name),)))
        else:
            c = self.catalog.get("consultants", m.consultant)
            facts.append(Fact(_("Consultant"), (Item(c.name, record_path("consultants", c.id)),)))
        facts += [
            Fact(_("Match type"), (Item(self.label("support-types", m.type)),)),
            Fact(_("Cooperation"), (Item(self.match_cooperation(m), note=_("from the parties' countries on the match date")),)),
            Fact(_("Agreed"), (when(m.date),)),
            Fact(_("Countries"), tuple(self.country(c) for c in record_countries("match", m, self.catalog))),
        ]
        return dict(title=m.title, subtitle=(Item(self.label("support-types", m.type)), *dates(m.date, None)),
                    summary=self.match_summary(m), facts=tuple(facts))

    def view_case_study(self, r) -> dict:
        facts = [
            Fact(_("Countries"), tuple(self.country(c) for c in r.countries)),
            Fact(_("Topics"), tuple(self.topic(t) for t in r.topics)),
            Fact(_("As of"), (when(r.year),)),
        ]
        facts += [f for f in (self.organizations(_("Organizations"), r.organizations), self.sources(r.sources)) if f]
        return dict(title=r.title, subtitle=(Item(_(", ").join(self.cname(c) for c in r.countries)),),
                    summary=r.summary, facts=tuple(facts))

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
                    note = _("%(type)s, %(country)s (%(status)s)", type=note, country=self.cname(p.country),
                             status=self.status_note(p.country, day))
                items.append(Item(p.name, country_path(p.country) if p.country in self.by_country else None, note=note))
            roles.append(Fact(self.label("partner-roles", role), tuple(items)))
        facts = [
            Fact(_("Kind"), (Item(self.label("initiative-kinds", r.kind)),)),
            Fact(_("Status"), (Item(self.label("initiative-statuses", r.status)),)),
            Fact(_("Period"), dates(r.start, r.end)),
            *roles,
            Fact(_("Topics"), tuple(self.topic(t) for t in r.topics)),
        ]
        if r.links:
            facts.append(Fact(_("Links"), tuple(Item(link.title, link.url) for link in r.links)))
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
        return dict(title=r.title, subtitle=(Item(self.label("initiative-kinds", r.kind)),
                                             Item(self.label("initiative-statuses", r.status))),
                    summary=r.summary, facts=tuple(facts))

    # ---- countries, regions, topics

    def country_index(self, countries) -> Page:
        groups = defaultdict(list)
        for iso3 in countries:
            c = self.ref.countries[iso3]
            n = sum(len(v) for v in self.by_country[iso3].values())
            groups[c.wipo].append(Item(self.cname(iso3), country_path(iso3), note=records_count(n)))
        ordered = tuple((self.wipo_name(w), tuple(groups[w])) for w in self.ref.wipo_regions if w in groups)
        view = IndexView(_("Countries"), _("Every country that appears in a record, by WIPO regional grouping."), ordered)
        return Page("countries/index.html", "index-list.html", _("Countries"), view, nav="countries")

    def country_page(self, iso3: str) -> Page:
        c = self.ref.countries[iso3]
        name = self.cname(iso3)
        current = c.history[-1]
        facts = [
            Fact(_("Codes"), (Item(f"ISO 3166-1 {c.iso3} / {c.iso2}"), Item(f"UN M49 {c.m49}"))),
            Fact(_("UN M49 region"), tuple(Item(self.m49_name(code), region_path(m49_slug(code)))
                                           for code in (c.region, c.subregion, c.intermediate) if code)),
            Fact(_("WIPO regional grouping"), (Item(self.wipo_name(c.wipo), region_path(c.wipo)),)),
            Fact(_("Classification today"), (Item(_(STATUS_NAMES[current.status]), note=current.note),)),
        ]
        history = tuple(StatusRow(_(STATUS_NAMES[p.status]),
                                  Item(active().date(p.start), iso=p.start.isoformat()) if p.start else None,
                                  Item(active().date(p.end), iso=p.end.isoformat()) if p.end else None,
                                  p.note, p is current) for p in c.history)
        buckets = self.by_country[iso3]
        sections, figures = [], []
        all_of = ("country", iso3, (("country", name),))
        activity = BY_NAME["activity"]
        if self.hosted.get(iso3):
            n = number(len(self.hosted[iso3]))
            sections.append(self.hub_section(activity, "hosted", _("Activities hosted or provided (%(count)s)", count=n),
                                             self.hosted[iso3], all_of))
            figures.append(Figure(n, _("activities hosted or provided"), "#hosted"))
        if self.benefited.get(iso3):
            n = number(len(self.benefited[iso3]))
            sections.append(self.hub_section(activity, "benefited", _("Activities it benefited from (%(count)s)", count=n),
                                             self.benefited[iso3], all_of))
            figures.append(Figure(n, _("activities it benefited from"), "#benefited"))
        sections += self.sections_for(buckets, exclude=("activities",),
                                      titles={"consultants": _("Consultants from this country")}, all_of=all_of)
        figures += [Figure(number(len(buckets[k.collection])), _(KIND_NAMES[k.name][2]), f"#{k.collection}")
                    for k in KINDS if k.collection != "activities" and buckets.get(k.collection)]
        f = self.figures_for(country_path(iso3))
        mine = list(dict.fromkeys(self.hosted.get(iso3, []) + self.benefited.get(iso3, [])))
        partners = {p.country for i in buckets.get("initiatives", []) for p in i.partners if p.country} - {iso3}
        partners |= {c for a in mine for c in hosts_of(a) | beneficiaries_of(a)} - {iso3}
        charts = [f.activity_map("partner-map", mine, _("%(country)s and its partners", country=name),
                                 _("Countries that took part in activities with %(country)s, shaded by the number of "
                                   "those activities; partners in activities and initiatives are outlined.", country=name),
                                 focus=iso3, highlight=partners)]
        flows = f.country_flows("country-flows", iso3, _("Who provided to whom, around %(country)s", country=name),
                                _("Activities between %(country)s and its main partners: rows provided, columns "
                                  "benefited.", country=name))
        if flows:
            charts.append(flows)
        view = HubView(_("Country"), name, "", tuple(facts), tuple(sections), history,
                       _("Source: %(classification)s; %(ldc)s.", classification=self.ref.classification.classification,
                         ldc=self.ref.classification.ldc), tuple(figures), tuple(charts))
        crumbs = (Item(_("Countries"), "countries/index.html"),)
        description = _("South-South cooperation in intellectual property involving %(country)s.", country=name)
        feed = Item(_("Everything about %(country)s", country=name), f"countries/{iso3.lower()}/feed.xml")
        return Page(country_path(iso3), "hub.html", name, view, nav="countries", description=description,
                    breadcrumbs=crumbs, search=SearchData(_("Country"), (("kind", _("Country")),)),
                    feeds=(feed,))

    REGION_LEVELS = {"region": N_("UN M49 region"), "sub-region": N_("UN M49 sub-region"),
                     "intermediate-region": N_("UN M49 intermediate region")}

    def region_index(self) -> Page:
        wipo = tuple(Item(self.wipo_name(code), region_path(code), note=self._count_note(self.by_region[code]))
                     for code in self.ref.wipo_regions if code in self.by_region)
        m49 = []
        for code, region in self.ref.regions.items():
            slug = m49_slug(code)
            if slug in self.by_region:
                prefix = {"region": "", "sub-region": "— ", "intermediate-region": "— — "}[region.level]
                m49.append(Item(prefix + self.m49_name(code), region_path(slug),
                                note=self._count_note(self.by_region[slug])))
        view = IndexView(_("Regions"), _("Browse by WIPO regional grouping or by UN M49 geographic region."),
                         ((_("WIPO regional groupings"), wipo), (_("UN M49 regions"), tuple(m49))))
        return Page("regions/index.html", "index-list.html", _("Regions"), view, nav="regions")

    def _count_note(self, buckets) -> str:
        return records_count(sum(len(v) for v in buckets.values()))

    def region_page(self, slug: str) -> Page:
        name = self.region_name(slug)
        members = self.by_name(iso3 for iso3 in self.by_country if slug in self.regions_of(iso3))
        if slug.startswith("m49-"):
            region = self.ref.regions[slug[4:]]
            kind = _(self.REGION_LEVELS[region.level])
            facts = [Fact(_("M49 code"), (Item(region.code),))]
            if region.parent:
                facts.append(Fact(_("Part of"), (Item(self.m49_name(region.parent), region_path(m49_slug(region.parent))),)))
        else:
            kind, facts = _("WIPO regional grouping"), []
        facts.append(Fact(_("Countries with records"), tuple(self.country(c) for c in members)))
        buckets = self.by_region[slug]
        figures = tuple(Figure(number(len(buckets.get(k.collection, []))), _(KIND_NAMES[k.name][2]), f"#{k.collection}")
                        for k in KINDS if buckets.get(k.collection))
        f = self.figures_for(region_path(slug))
        members_set = set(members)
        mine = [a for a in self.catalog.records["activities"] if (hosts_of(a) | beneficiaries_of(a)) & members_set]
        charts = ()
        if mine:
            charts = (
                f.per_year_by_provider_region("region-per-year", mine, _("Activities involving %(region)s, per year",
                                                                         region=name),
                                              _("Each year's activities with a host or beneficiary in the region, "
                                                "by the WIPO regional grouping of their hosts.")),
                f.ranked("region-providers", mine, hosts_of, _("Providers to and within %(region)s", region=name),
                         _("Countries that hosted or provided the most of these activities."), _("Activities provided")),
            )
        if slug.startswith("m49-"):  # no list by M49 region: search for its member countries
            all_of = ("m49", slug, tuple(("country", self.cname(c)) for c in members))
        else:
            all_of = ("region", slug, (("region", name),))
        view = HubView(kind, name, "", tuple(facts), self.sections_for(buckets, all_of=all_of), figures=figures,
                       charts=charts)
        description = _("South-South cooperation in intellectual property in %(region)s.", region=name)
        return Page(region_path(slug), "hub.html", name, view, nav="regions",
                    breadcrumbs=(Item(_("Regions"), "regions/index.html"),), description=description,
                    search=SearchData(_("Region"), (("kind", _("Region")),)))

    def topic_index(self) -> Page:
        items = tuple(Item(self.label("topics", code), topic_path(code), note=self._count_note(self.by_topic[code]))
                      for code in self.vocab["topics"].terms if code in self.by_topic)
        view = IndexView(_("Topics"), _("Browse by area of intellectual property."), ((_("IP topics"), items),))
        return Page("topics/index.html", "index-list.html", _("Topics"), view, nav="topics")

    def topic_page(self, code: str) -> Page:
        name = self.label("topics", code)
        buckets = self.by_topic[code]
        figures = tuple(Figure(number(len(buckets.get(k.collection, []))), _(KIND_NAMES[k.name][2]), f"#{k.collection}")
                        for k in KINDS if buckets.get(k.collection))
        countries = Counter(c for a in buckets.get("activities", []) for c in record_countries("activity", a))
        facts = []
        if countries:
            top = sorted(countries, key=lambda c: (-countries[c], self.cname(c)))[:10]
            facts.append(Fact(_("Countries most involved in its activities"), tuple(
                self.country(c, note=kind_count("activity", countries[c])) for c in top)))
        view = HubView(_("Topic"), name, "", tuple(facts),
                       self.sections_for(buckets, all_of=("topic", code, (("topic", name),))), figures=figures)
        description = _("South-South cooperation on this topic: %(topic)s.", topic=name)
        return Page(topic_path(code), "hub.html", name, view, nav="topics",
                    breadcrumbs=(Item(_("Topics"), "topics/index.html"),), description=description,
                    search=SearchData(_("Topic"), (("kind", _("Topic")),)))


def _plain(markdown_text: str, limit: int = 300) -> str:
    """A one-paragraph plain-text summary of Markdown, for meta descriptions."""
    text = " ".join(markdown_text.replace("#", " ").replace("*", "").replace("_", " ").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def derive(catalog: Catalog, config: SiteConfig, today, languages, markdown_cache=None, converted=None) -> Derived:
    """The site in each language (the first one is the default). What does not depend on the language
    (indexes, matchmaking, open data) is computed once. `converted(deriver)` is called once every
    Markdown text is converted, before the pages are made (the build starts printing then)."""
    deriver = Deriver(catalog, config, today, markdown_cache)
    deriver.md.convert_all(deriver.markdown_texts([language.code for language in languages]))  # on every core
    if converted is not None:
        converted(deriver)
    editions = tuple(deriver.edition(language) for language in languages)
    figures = {k.collection: len(catalog.records[k.collection]) for k in KINDS}
    figures["countries"] = len(deriver.by_country)
    files = dict(deriver.exports)
    if config.base_url:
        codes = [e.language.code for e in editions]  # every edition has the same pages
        files["sitemap.xml"] = render_sitemap(config.base_url, [
            [(code, f"{code}/{p.path}") for code in codes] for p in editions[0].pages if p.path != "404.html"])
        files["robots.txt"] = render_robots(config.base_url)
    return Derived(editions, figures, files, languages[0].code, deriver)
