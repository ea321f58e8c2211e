"""View models: everything a template prints, precomputed. Templates loop and print; they do not
query, sort, compute or know today's date. Paths are relative to the site root; the `href`
filter makes them relative to the page being rendered, so the site works from disk."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One printable value: plain text, a link (href), or a date (iso, shown in <time>)."""

    text: str
    href: str | None = None
    iso: str | None = None
    note: str = ""
    until_iso: str = ""  # a date range: its last day ('text' is the whole range, '10–12 May 2019')
    lang: str = ""  # the language of `text` when it is not the page's (a record's text not yet translated)


@dataclass(frozen=True)
class Fact:
    """A labelled row of a record's details: 'Host countries: Kenya, Uganda'."""

    label: str
    items: tuple = ()  # Item
    html: str = ""  # sanitized HTML, for Markdown fields


@dataclass(frozen=True)
class Card:
    """A record in a list: title, one line of facts, a summary, and its topics. Every list of cards
    holds one kind, under a heading that names it, so a card does not say its kind; its topics are
    words, not links (the record's page links them, the list's filters lead to them): a card is
    repeated on every list it is in, and its links were a third of a list's bytes."""

    href: str
    title: str
    meta: tuple = ()  # Item
    summary: str = ""
    topics: str = ""  # the topics' names, joined as the language joins a list
    lang: str = ""  # the language of the title when it is not the page's
    summary_lang: str = ""  # the same for the summary (a record's own text; a summary made of facts is the page's)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    cards: tuple = ()
    empty: str = ""
    more: Item | None = None


@dataclass(frozen=True)
class SuggestionItem:
    """A suggested match: who, how well it fits, why, and whether it would be South-South or triangular."""

    href: str
    title: str
    kind: str
    score: int
    reasons: tuple  # str
    cooperation: str
    meta: tuple = ()  # Item
    lang: str = ""  # the language of the title when it is not the page's


@dataclass(frozen=True)
class SuggestionList:
    id: str
    title: str
    intro: str
    items: tuple  # SuggestionItem
    empty: str = ""


@dataclass(frozen=True)
class FacetOption:
    text: str
    href: str
    count: int
    current: bool = False


@dataclass(frozen=True)
class FacetGroup:
    label: str
    options: tuple  # FacetOption


@dataclass(frozen=True)
class Pagination:
    current: int
    total: int
    previous: str | None
    next: str | None
    pages: tuple  # Item, with note "current" on the current page


@dataclass(frozen=True)
class ListView:
    heading: str
    intro: str
    collection: str
    cards: tuple
    count_text: str
    feeds: tuple = ()  # Item: files readers can subscribe to
    facets: tuple = ()  # FacetGroup
    pagination: Pagination | None = None
    filter: Item | None = None  # the facet value this page is filtered by, with the link that clears it
    filters_label: str = ""  # the button that folds the filters away: "Filters", "Filters (1)"
    filters_at: str = ""  # on the pages after a list's first, where its filters are ("...#filters")


@dataclass(frozen=True)
class RecordView:
    kind: str
    title: str
    subtitle: tuple  # Item
    summary: str
    facts: tuple  # Fact
    body_html: str = ""
    sections: tuple = ()  # Section
    suggestions: tuple = ()  # SuggestionList
    notice: str = ""  # a warning shown above the record, e.g. that a need has expired
    source_path: str = ""  # the record's file in the repository
    edit_href: str = ""  # where to propose a change, when a repository is configured
    title_lang: str = ""  # the language of the title when it is not the page's (no translation yet)
    body_lang: str = ""  # the same for the summary and the text
    translation_note: str = ""  # says so, in the page's language
    summary_from_body: bool = False  # the summary is the start of the text (a kind without a summary of its own)


@dataclass(frozen=True)
class StatusRow:
    status: str
    start: Item | None
    end: Item | None
    note: str
    current: bool
    pending: tuple = ()  # Item: the decision pending on the period's start, and its source


@dataclass(frozen=True)
class HubView:
    """A country, region or topic: facts about it and every record that concerns it."""

    kind: str
    title: str
    intro: str
    facts: tuple  # Fact
    sections: tuple  # Section
    history: tuple = ()  # StatusRow, for countries
    history_source: str = ""
    figures: tuple = ()  # Figure
    charts: tuple = ()  # charts.Chart


@dataclass(frozen=True)
class Figure:
    number: str
    label: str
    href: str


@dataclass(frozen=True)
class IndexView:
    """A directory: countries, regions or topics, grouped."""

    heading: str
    intro: str
    groups: tuple  # (title, tuple of Item with note = count text)


@dataclass(frozen=True)
class HomeView:
    figures: tuple  # Figure
    sections: tuple  # Section
    browse: tuple  # (title, tuple of Item)
    charts: tuple = ()  # charts.Chart


@dataclass(frozen=True)
class DataFile:
    title: str
    href: str
    format: str
    size: str
    description: str


@dataclass(frozen=True)
class DataView:
    collections: tuple  # DataFile, per collection: JSON, CSV, schema
    everything: DataFile
    feeds: tuple  # DataFile
    changelog: tuple  # (version, date, text)
    separator: str
    charts: tuple = ()  # charts.Chart
    licence: str = ""  # the records' licence, from site.toml
    licence_url: str = ""
    licence_file: str = ""  # LICENSE.txt of the downloads


@dataclass(frozen=True)
class CompilationView:
    """Every case study on one page, for printing and for the PDF built from it."""

    intro: str
    pdf: Item
    items: tuple  # (anchor id, RecordView)


@dataclass(frozen=True)
class AboutView:
    classification: tuple  # Fact
    status_counts: tuple  # Item


@dataclass(frozen=True)
class SearchData:
    """What the search index knows about a page beyond its text: filters, metadata, sort key.
    The same values feed Pagefind (as data- attributes) and the offline index."""

    kind: str
    filters: tuple  # (filter name, value), one pair per value
    countries: str = ""
    year: str = ""
    date: str = ""  # ISO date for sorting newest first


@dataclass(frozen=True)
class Share:
    """How a page presents itself where its address is pasted (Open Graph, Twitter card) and which
    address is its own (the canonical link). Addresses are absolute when the site's base URL is set;
    without it `url` and `image` are empty (those protocols need absolute addresses) and `canonical`
    names the page's own file, which readers of the link resolve against the page's address."""

    title: str
    description: str
    type: str  # og:type: "article" for a record, else "website"
    site_name: str
    locale: str  # og:locale, language_TERRITORY: "fr_FR"
    canonical: str = ""  # empty on pages served at any address (404)
    url: str = ""  # og:url
    image: str = ""  # og:image and twitter:image
    image_alt: str = ""
    image_width: int = 0
    image_height: int = 0
    card: str = "summary"  # twitter:card: "summary_large_image" when there is an image


@dataclass(frozen=True)
class Page:
    path: str  # output file, relative to the site root: "activities/x/index.html"
    template: str
    title: str  # the <title> and, unless the view says otherwise, the h1
    view: object = None
    nav: str = ""  # which main navigation entry is current
    description: str = ""
    breadcrumbs: tuple = field(default_factory=tuple)  # Item
    search: SearchData | None = None  # pages that are search results carry this
    feeds: tuple = ()  # Item: Atom feeds announced in <head>
    jsonld: str = ""  # schema.org data, JSON text safe to place in a <script type="application/ld+json">
    share: Share | None = None  # Open Graph, Twitter card and canonical link (portal/pages/sharing.py)
