"""Collection lists: every collection newest first, a page at a time, with static facets (one
list per facet value) that need no JavaScript. On a facet's list, choosing a value of another facet
hands both to the search page (its filters in the URL), which combines any number of them: the
static lists stay one facet deep (docs/design.md, "Filters on a phone and in combination")."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from functools import lru_cache
from urllib.parse import quote_plus

from ..i18n import _, number
from ..kinds import Kind
from ..paths import listing_path
from ..views import FacetGroup, FacetOption, Item, ListView, Page, Pagination
from .context import Context


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


def has_list(kind: Kind, facet: str) -> bool:
    """Whether the collection has static lists by this facet."""
    return any(f.name == facet for f in kind.facets)


def listings(ctx: Context, kind: Kind) -> list[Page]:
    records = kind.sorted(ctx.catalog.records[kind.collection])
    values: dict[str, dict[str, tuple[str, list]]] = {}
    codes: dict[str, dict[int, dict]] = {}  # facet -> id(record) -> its values' codes, each once
    for facet in kind.facets:
        groups: dict[str, tuple[str, list]] = {}
        mine = codes[facet.name] = {}
        for r in records:
            for code, label in facet.values(r, ctx):
                groups.setdefault(code, (label, []))[1].append(r)
                mine.setdefault(id(r), {})[code] = None  # each code once, in order
        order = sorted(groups, reverse=True) if facet.name == "year" else sorted(groups, key=lambda c: groups[c][0].casefold())
        values[facet.name] = {code: groups[code] for code in order}
    # Every list of the collection shows the same facet options; only the current one differs.
    options = {f.name: tuple(FacetOption(text, listing_path(kind.collection, f.name, code), len(subset))
                             for code, (text, subset) in values[f.name].items()) for f in kind.facets}
    pages = paginate(ctx, kind, records, tuple(FacetGroup(_(f.label), options[f.name]) for f in kind.facets), None)
    for facet in kind.facets:
        for code, (label, subset) in values[facet.name].items():
            groups = combined_facets(ctx, kind, values, codes, options, facet, code, label, subset)
            pages += paginate(ctx, kind, subset, groups, facet.name, code, label)
    return pages


def combined_facets(ctx: Context, kind: Kind, values, codes, options, facet, value: str, value_label: str,
                    subset) -> tuple:
    """The filters of the list of one facet value: that facet's values lead to their own lists (the
    current one marked), every other facet's values that some of these records have lead to the search
    page filtered by both, with the count of records that have both. The counts are of codes, the same
    in every language: counted once (`Lookup.counted`), a tenth of deriving a language's pages at
    10,000 records when each language counted them again."""
    groups = []
    for f in kind.facets:
        if f is facet:
            groups.append(FacetGroup(_(f.label), tuple(
                dataclasses.replace(option, current=True) if code == value else option
                for code, option in zip(values[f.name], options[f.name]))))
            continue
        theirs = codes[f.name]
        both = ctx.lookup.counted(("facets", kind.name, facet.name, value, f.name),
                                  lambda: Counter(code for r in subset for code in theirs.get(id(r), ())))
        groups.append(FacetGroup(_(f.label), tuple(
            FacetOption(text, search_link(kind, ((facet.search_filter, value_label), (f.search_filter, text))),
                        both[code])
            for code, (text, _records) in values[f.name].items() if both[code])))
    return tuple(groups)


def filters_label(chosen: int) -> str:
    """The button in front of a list's or the search page's filters, with how many are chosen."""
    return _("Filters (%(count)s)", count=number(chosen)) if chosen else _("Filters")


def search_link(kind: Kind, filters: tuple) -> str:
    """The search page showing this collection's records with these (filter, value) pairs: the query
    `urlencode` would write, from names and values each quoted once (a list's filters repeat the
    same few hundred labels tens of thousands of times in a large build)."""
    return "search/index.html?" + "&".join(
        f"{_quoted(name)}={_quoted(value)}" for name, value in (("kind", _(kind.one)),) + tuple(filters))


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    return quote_plus(text)


def paginate(ctx: Context, kind: Kind, records, facet_groups: tuple, facet, value=None, value_label: str = "") -> list[Page]:
    size = max(1, ctx.config.page_size)
    total_pages = max(1, math.ceil(len(records) / size))
    heading = _(kind.heading)
    flabel = _(next((f.label for f in kind.facets if f.name == facet), ""))
    title = _("%(records)s: %(value)s", records=heading, value=value_label) if facet else heading
    links = tuple(Item(_(label), path) for label, path in kind.list_links)
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
        count_text = kind.count(len(records))
        if total_pages > 1:
            first, last = (n - 1) * size + 1, (n - 1) * size + len(chunk)
            count_text = _("%(count)s, %(first)s–%(last)s shown", count=count_text, first=number(first), last=number(last))
        # The filters are the same on every page of a list, and each leads to another list's first
        # page (or the search page): the pages after the first link to them instead of repeating
        # them (at 10,000 records, a fifth of a facet list's bytes).
        view = ListView(heading=title, intro=_(kind.intro), collection=kind.collection,
                        cards=ctx.cards(kind, chunk), count_text=count_text,
                        facets=facet_groups if n == 1 else (),
                        filters_at=listing_path(kind.collection, facet, value, 1) + "#filters"
                        if n > 1 and facet_groups else "",
                        pagination=pagination,
                        filter=Item(_("%(facet)s: %(value)s", facet=flabel, value=value_label),
                                    listing_path(kind.collection)) if facet else None,
                        feeds=links, filters_label=filters_label(1 if facet else 0))
        page_title = _("%(title)s (page %(page)s of %(pages)s)", title=title, page=number(n),
                       pages=number(total_pages)) if total_pages > 1 else title
        crumbs = (Item(heading, listing_path(kind.collection)),) if facet else ()
        pages.append(Page(listing_path(kind.collection, facet, value, n), "list.html", page_title, view,
                          nav=kind.collection, description=_(kind.intro), breadcrumbs=crumbs))
    return pages
