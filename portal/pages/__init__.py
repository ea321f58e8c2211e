"""Stage 3, derive: from the validated catalog, every page of the site as a view model, and the
files that are not pages (feeds, calendar, open data, sitemap). Read `derive` as the table of
contents: one index of the catalog for every language (portal/lookup.py), every Markdown text
converted at once, then each language's pages from the page builders of this package, by page
type: records, lists, hubs (countries, regions, topics), the site's own pages, open data."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import SiteConfig
from ..exports import Exporting
from ..maps import WORLD_MAP_FILE, world_map_base
from ..figures import partner_map_files
from ..feeds import Feed, render_robots, render_sitemap
from ..ids import TRANSLITERATION, transliteration_script
from ..i18n import SOURCE_LANGUAGE, Language, using
from ..kinds import CASE_STUDY, KINDS
from ..lookup import Lookup
from ..markup import MarkdownRenderer
from ..paths import CALENDAR
from ..validate import Catalog
from .. import sharing
from . import hubs, lists, opendata, records, site
from .context import Context


@dataclass(frozen=True)
class Edition:
    """The site in one language: its pages, and its other outputs (feeds, calendar), each by its path
    inside the language's folder."""

    language: Language
    pages: tuple  # Page
    files: dict  # path -> text
    feeds: tuple = ()  # Feed of the edition, without their entries (what its data page lists)


@dataclass(frozen=True)
class Derived:
    editions: tuple  # Edition, the default language first
    figures: dict  # name -> number, printed by the build
    files: dict  # outputs shared by every language (open data exports, sitemap): site path -> text or bytes
    default: str = SOURCE_LANGUAGE

    @property
    def pages(self) -> tuple:
        """Every page of every language."""
        return tuple(p for e in self.editions for p in e.pages)


class Site:
    """What every language's pages are made from: the catalog's index and its Markdown, converted."""

    def __init__(self, catalog: Catalog, config: SiteConfig, today, languages, markdown_cache=None,
                 ahead: bool = True):
        """`ahead`: convert every Markdown text now, on every core, and start the open data exports
        (a full build); without, texts are converted as pages need them (`serve`'s first edit)."""
        self.config = config
        self.lookup = Lookup(catalog, today)
        self.markdown = MarkdownRenderer(markdown_cache)
        self.exporting = None
        if ahead:
            self.markdown.convert_all(records.markdown_texts(catalog, [lang.code for lang in languages],
                                                             compiled=CASE_STUDY))
            self.exporting = Exporting(catalog, today.isoformat(),
                                       (config.data_licence, config.data_licence_url, config.publisher))  # beside the pages, for a large catalog

    @property
    def catalog(self) -> Catalog:
        return self.lookup.catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        """One edited record's catalog (`serve`): the indexes stay those of the last full build."""
        self.lookup.catalog = catalog

    def context(self, language: Language) -> Context:
        return Context(self.lookup, self.config, language, self.markdown)

    def in_language(self, language: Language, make, *args):
        """make(context, *args), in `language`."""
        with using(language):
            return make(self.context(language), *args)

    def compilation(self, language: Language):
        """The case studies' printable page (the build prints it while the rest is made)."""
        return self.in_language(language, lambda ctx: _shared(ctx, [opendata.compilation(ctx)])[0])

    def record_pages(self, language: Language, kind, found) -> list:
        """The pages of some records in one language (what `serve` rewrites first after an edit)."""
        return self.in_language(language, lambda ctx: _shared(ctx, [records.record_page(ctx, kind, r) for r in found]))

    def edition(self, language: Language, made: tuple = (), data: bool = True) -> Edition:
        """Every page of the site in one language (paths relative to that language's folder). `made`:
        pages of it already derived (the compilation, derived first for printing). Without `data`,
        all but the open data page, the last, which shows the sizes of the exports (`data_page`: a
        process deriving editions of its own need not wait for the exports)."""
        return self.in_language(language, _edition, self.exporting if data else None, {p.path: p for p in made})

    def data_page(self, language: Language, sizes: dict, feeds: tuple):
        """The open data page of an edition derived without it: `sizes`, the edition's files' bytes
        (`opendata.byte_sizes`), and its `feeds`."""
        sizes = {**sizes, **opendata.byte_sizes(self.exporting.files())}
        return self.in_language(language, lambda ctx: _shared(ctx, [opendata.data_page(ctx, sizes, feeds)])[0])

    def not_found(self, language: Language):
        """The page for a missing address, as its edition has it."""
        return self.in_language(language, lambda ctx: _shared(ctx, [site.not_found(ctx)])[0])


def _edition(ctx: Context, exporting: Exporting | None, made: dict) -> Edition:
    lookup = ctx.lookup
    pages = [site.home(ctx, opendata.feed_links()), site.about(ctx), site.contribute(ctx), site.not_found(ctx),
             site.search(ctx)]
    for kind in KINDS:
        pages += lists.listings(ctx, kind)
        pages += [records.record_page(ctx, kind, r) for r in ctx.catalog.records[kind.collection]]
    countries = ctx.by_name(lookup.by_country)
    pages.append(hubs.country_index(ctx, countries))
    pages += [hubs.country_page(ctx, c) for c in countries]
    pages.append(hubs.region_index(ctx))
    pages += [hubs.region_page(ctx, slug) for slug in sorted(lookup.by_region)]
    pages.append(hubs.topic_index(ctx))
    pages += [hubs.topic_page(ctx, code) for code in ctx.ref.vocabularies["topics"].terms if code in lookup.by_topic]
    feeds = opendata.feeds(ctx, countries)
    files = {CALENDAR: opendata.calendar(ctx), **opendata.feed_files(ctx, feeds)}
    compilation = made.get(opendata.COMPILATION) or opendata.compilation(ctx)
    pages.append(compilation)
    if exporting is not None:
        pages.append(opendata.data_page(ctx, opendata.byte_sizes({**files, **exporting.files()}), feeds))
    return Edition(ctx.language, tuple(_shared(ctx, pages)), files, tuple(Feed(f.path, f.title, ()) for f in feeds))


def _shared(ctx: Context, pages: list) -> list:
    """The pages with what they say when their address is shared (Open Graph, canonical link)."""
    return [sharing.shared(ctx.config, ctx.language.code, p) for p in pages]


def figures(site_: Site) -> dict:
    """What the build prints of the catalog: records per collection, and the countries they name."""
    catalog = site_.lookup.catalog
    counts = {k.collection: len(catalog.records[k.collection]) for k in KINDS}
    counts["countries"] = len(site_.lookup.by_country)
    return counts


def shared_files(site_: Site, codes, paths) -> dict:
    """The outputs every language shares (open data exports, the map's base, the sitemap): site path ->
    text or bytes. `codes`: the languages' folders; `paths`: the pages of one edition (every edition
    has the same)."""
    files = dict(site_.exporting.files())
    files[WORLD_MAP_FILE] = world_map_base(site_.lookup.catalog.reference.data_dir)  # one for every page's map
    files.update(partner_map_files(site_.lookup, site_.lookup.catalog.reference.data_dir))  # one per country
    files[TRANSLITERATION] = transliteration_script()  # the contribute page's ids, as portal/ids.py makes them
    config = site_.config
    if config.base_url:
        files["sitemap.xml"] = render_sitemap(config.base_url, [
            [(code, f"{code}/{path}") for code in codes] for path in paths if path != "404.html"])
        files["robots.txt"] = render_robots(config.base_url)
    return files


def derive(site_: Site, languages, made: tuple = ()) -> Derived:
    """The site in each language (the first one is the default), all at once. The build does not hold
    them all: it renders each edition as it is derived (portal/pipeline.py); this is for what reads
    every page. `made`: pages of the default language already derived."""
    editions = tuple(site_.edition(language, made if i == 0 else ()) for i, language in enumerate(languages))
    return Derived(editions, figures(site_),
                   shared_files(site_, [e.language.code for e in editions], [p.path for p in editions[0].pages]),
                   languages[0].code)
