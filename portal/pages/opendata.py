"""Open data and subscriptions: the data page (every download with its size), the Atom feeds,
the needs' calendar, and the case studies' compilation for printing."""

from __future__ import annotations

from ..calendar import expiry_calendar
from ..exports import CHANGELOG, LICENCE_FILE, LIST_SEPARATOR
from ..feeds import Entry, Feed, render_atom
from ..i18n import N_, SOURCE_LANGUAGE, _, ngettext, number
from ..kinds import ACTIVITY, CASE_STUDY, INITIATIVE, KINDS, NEED, OFFER, Kind
from ..paths import CALENDAR, COMPILATION, PDF, listing_path, record_path
from ..verdicts import is_open
from ..views import CompilationView, DataFile, DataView, Item, Page
from ..wording import plain
from .context import Context
from .records import record_view

# The site's feeds: (file name, title, the kinds they carry).
SITE_FEEDS = (("initiatives", N_("New and updated initiatives"), (INITIATIVE,)),
              ("matchmaking", N_("New needs and offers"), (NEED, OFFER)),
              ("activities", N_("Activities"), (ACTIVITY,)))


# Entries in a feed: the newest. A feed tells a reader's feed reader what is new; every record is in
# the lists and the open data. A country's feed with every record about it grew with the catalog
# (about a third of a language's feed bytes at 1,000 records, some 150 MB at 10,000 in six languages).
FEED_ENTRIES = 50


def feed_links() -> tuple:
    return tuple(Item(_(title), f"feeds/{slug}.xml") for slug, title, _kinds in SITE_FEEDS)


def entry(ctx: Context, kind: Kind, r) -> Entry:
    card = ctx.cards(kind, [r])[0]
    summary, summary_lang = card.summary, card.summary_lang
    if not summary and getattr(r, "description", None):
        text, summary_lang = ctx.text(r, "description")
        summary = plain(text)
    return Entry(card.href, card.title, kind.updated_on(r).first_day.isoformat(), summary, _(kind.one),
                 ctx.modality_label(kind, r) if kind.parties is not None else "", card.lang, summary_lang)


def newest(records) -> list:
    """The FEED_ENTRIES newest of these (kind, record) pairs, newest first (by the date they were
    updated, then by path): chosen before any entry is made, since a country's feed at 10,000
    records would make hundreds of entries to keep fifty."""
    keyed = [((kind.updated_on(r).first_day.isoformat(), record_path(kind.collection, r.id)), kind, r)
             for kind, r in records]
    keyed.sort(key=lambda k: k[0], reverse=True)
    return [(kind, r) for _key, kind, r in keyed[:FEED_ENTRIES]]


def newest_entries(ctx: Context, path: str, records) -> tuple:
    """The entries of the feed at `path`: the `newest` of `records()`, chosen once for every
    language."""
    return tuple(entry(ctx, kind, r) for kind, r in ctx.lookup.counted(("feed", path), lambda: newest(records())))


def feeds(ctx: Context, countries) -> list[Feed]:
    out = []
    for slug, title, kinds in SITE_FEEDS:
        path = f"feeds/{slug}.xml"
        out.append(Feed(path, _(title), newest_entries(
            ctx, path, lambda kinds=kinds: ((k, r) for k in kinds for r in ctx.catalog.records[k.collection]))))
    for iso3 in countries:
        path = f"countries/{iso3.lower()}/feed.xml"
        out.append(Feed(path, _("Everything about %(country)s", country=ctx.cname(iso3)), newest_entries(
            ctx, path, lambda iso3=iso3: ((kind, r) for kind in KINDS
                                          for r in ctx.lookup.by_country[iso3].get(kind.collection, [])))))
    return out


def feed_files(ctx: Context, feeds_: list[Feed]) -> dict:
    return {feed.path: render_atom(feed, _(ctx.config.title), ctx.base_url, ctx.today.isoformat(), ctx.language.code)
            for feed in feeds_}


def calendar(ctx: Context) -> str:
    open_needs = [n for n in NEED.sorted(ctx.catalog.records[NEED.collection]) if n.expires and is_open(n, ctx.today)]
    open_needs.sort(key=lambda n: (n.expires.last_day, n.id))
    return expiry_calendar([(n, n.seeker.name) for n in open_needs], ctx.today, _(ctx.config.title),
                           ctx.base_url, lambda n: record_path(NEED.collection, n.id), lambda n: ctx.text(n, "title")[0])


def compilation(ctx: Context) -> Page:
    """Every case study on one printable page (the PDF is printed from the default language's)."""
    stories = CASE_STUDY.sorted(ctx.catalog.records[CASE_STUDY.collection])
    items = tuple((f"case-{r.id}", record_view(ctx, CASE_STUDY, r, id_prefix=r.id)) for r in stories)  # ids kept apart
    view = CompilationView(
        ngettext("%(num)s case study of South-South cooperation in intellectual property, on one page for "
                 "printing.",
                 "%(num)s case studies of South-South cooperation in intellectual property, newest first, on one "
                 "page for printing.", len(stories)),
        Item(_("Download them as one PDF file (in English)") if ctx.language.code != SOURCE_LANGUAGE
             else _("Download them as one PDF file"), PDF), items)
    return Page(COMPILATION, "compilation.html", _("Case studies: the compilation"), view, nav=CASE_STUDY.collection,
                description=_("Every case study on one printable page, and as a PDF file."),
                breadcrumbs=(Item(_(CASE_STUDY.heading), listing_path(CASE_STUDY.collection)),))


def byte_sizes(files: dict) -> dict[str, int]:
    """path -> text (UTF-8) or bytes, as path -> its size in bytes."""
    return {path: len(data) if isinstance(data, bytes) else len(data.encode("utf-8")) for path, data in files.items()}


def data_page(ctx: Context, sizes: dict[str, int], feeds_) -> Page:
    """`sizes`: the bytes of each download (`byte_sizes`); `feeds_`: the language's feeds (their path
    and title are read)."""
    def size(path: str) -> str:
        n = sizes[path]
        return _("%(kb)s KB", kb=number(round(n / 1024))) if n >= 1024 else ngettext("%(num)s byte", "%(num)s bytes", n)

    collections = []
    for kind in KINDS:
        what = kind.count(len(ctx.catalog.records[kind.collection]))
        base = f"data/{kind.collection}"
        heading = _(kind.heading)
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
                       for f in feeds_ if f.path.startswith("feeds/"))
    site_feeds += (DataFile(_("Closing dates of open needs"), CALENDAR, "iCalendar", size(CALENDAR),
                            _("Subscribe in a calendar program.")),)
    activities = ctx.catalog.records[ACTIVITY.collection]
    chart = ctx.figures_for("data/index.html").activity_map(
        "data-map", activities, _("Activities by country"),
        _("Countries shaded by the number of activities they hosted or benefited from."))
    view = DataView(tuple(collections), everything, site_feeds, CHANGELOG, LIST_SEPARATOR, (chart,),
                    ctx.config.data_licence, ctx.config.data_licence_url, f"data/{LICENCE_FILE}")
    return Page("data/index.html", "data.html", _("Open data"), view, nav="data",
                description=_("Every record as JSON and CSV, with schemas, feeds and a calendar."))
