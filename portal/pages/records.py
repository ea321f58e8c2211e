"""Record pages: one per record and language, from its kind's view, with its translated texts,
its search filters and its schema.org data."""

from __future__ import annotations

import json

from ..i18n import SOURCE_LANGUAGE, _, active
from ..kinds import KINDS, Kind
from ..paths import listing_path, record_path
from ..views import Item, Page, RecordView, SearchData
from ..wording import excerpt, plain
from .context import Context, text_in

# Search filters, in the order the search page shows them.
SEARCH_FILTERS = ("kind", "country", "region", "topic", "year", "type", "language", "status", "cooperation", "support")


def named_countries(kind: Kind, r, catalog=None) -> tuple:
    """Every country a record names: the ones it is about, plus those its kind also names (where a
    consultant worked, the countries of organizers). Search filters use this; country pages use
    the kind's `countries`."""
    return tuple(dict.fromkeys(list(kind.countries(r, catalog)) + list(kind.also_named(r))))


def markdown_texts(catalog, languages, compiled: Kind | None = None) -> list[tuple[str, str]]:
    """Every (Markdown text, id prefix) the pages of these languages will show, so that they can be
    converted ahead, all at once. `compiled`: the kind whose records are also shown together on one
    page (the case studies' compilation), with each record's ids kept apart by its own prefix."""
    out = []
    for kind in KINDS:
        field = kind.texts["body"]
        for r in catalog.records[kind.collection]:
            for lang in languages:
                text = text_in(r, field, lang)[0] or ""
                out.append((text, ""))
                if kind is compiled:
                    out.append((text, r.id))
    return out


def translated_view(ctx: Context, kind: Kind, r, view: dict, id_prefix: str = "") -> dict:
    """Put a record's translated texts into its view, and say in the page's language which are
    still in their original language."""
    langs = {}
    for part, field in kind.texts.items():
        value, lang = ctx.text(r, field)
        langs[part] = lang
        if part == "title":
            view["title"] = value
        elif part == "summary":
            view["summary"] = value
        else:
            view["body_html"] = ctx.md(value or "", id_prefix=id_prefix)  # converted once, here
            if view.get("summary") is None:
                view["summary"] = plain(value or "")
                view["summary_from_body"] = True
    original = next((lang for lang in langs.values() if lang), "")
    view["title_lang"] = langs.get("title", "")
    view["body_lang"] = langs.get("body", "")
    if original:
        view["translation_note"] = _("Not yet translated into %(language)s: shown in the original %(original)s.",
                                     language=ctx.language.name_in(ctx.language),
                                     original=language_name(ctx, original))
    elif (r.language or SOURCE_LANGUAGE) != ctx.language.code:
        # Every text is a translation: say so, and from which language, as a translated page should.
        view["translation_note"] = _("Translated text; the original is in %(original)s.",
                                     original=language_name(ctx, r.language or SOURCE_LANGUAGE))
    return view


def language_name(ctx: Context, code: str) -> str:
    """A language's name in the page's language."""
    return active().language_name(code, ctx.ref.vocabularies["languages"].label(code))


def record_view(ctx: Context, kind: Kind, r, id_prefix: str = "") -> RecordView:
    edit = f"{ctx.config.repository.rstrip('/')}/blob/main/{r.path}" if ctx.config.repository and not id_prefix else ""
    ctx.pending_sources()  # forget what other pages named
    view = kind.view(r, ctx)
    sources = ctx.pending_sources()  # a status this page labels awaits a decision: say where it is reported
    if sources:
        view["facts"] = tuple(view["facts"]) + (sources,)
    view = translated_view(ctx, kind, r, view, id_prefix)
    return RecordView(kind=_(kind.one), source_path=r.path, edit_href=edit, **view)


def record_page(ctx: Context, kind: Kind, r) -> Page:
    view = record_view(ctx, kind, r)
    crumbs = (Item(_(kind.heading), listing_path(kind.collection)),)
    return Page(record_path(kind.collection, r.id), kind.template, view.title, view, nav=kind.collection,
                description=excerpt(view.summary, DESCRIPTION), breadcrumbs=crumbs, search=search_data(ctx, kind, r),
                jsonld=jsonld(ctx, kind, r, view.title, view.summary))


# Characters of a record's summary in its page's description (meta, Open Graph, JSON-LD): about what
# search engines show under a result and chat apps under a shared link. It was 300: the rest was
# never shown, and the description is written three times on each of the site's record pages.
DESCRIPTION = 160


def jsonld(ctx: Context, kind: Kind, r, title: str, summary: str) -> str:
    """schema.org data where a type fits (the kind's `jsonld`). URLs are absolute only when the
    site's address is configured."""
    if kind.jsonld is None:
        return ""
    data = kind.jsonld(r, ctx, title, summary)
    url = {"url": ctx.base_url + record_path(kind.collection, r.id)} if ctx.base_url else {}
    # Plain JSON: the page's <script> element escapes it for itself (portal/escaping.py).
    return json.dumps({"@context": "https://schema.org", **data, **url}, ensure_ascii=False, sort_keys=True)


def search_data(ctx: Context, kind: Kind, r) -> SearchData:
    countries = named_countries(kind, r, ctx.catalog)
    filters = [("kind", _(kind.one))]
    filters += [("country", ctx.cname(c)) for c in countries]
    # A record's region is that of the countries it is about, as on its collection's lists and the region
    # pages, so that a list's region handed to the search page selects the same records.
    about = kind.countries(r, ctx.catalog)
    filters += [("region", ctx.wipo_name(w)) for w in dict.fromkeys(ctx.ref.countries[c].wipo for c in about)]
    filters += [("topic", ctx.label("topics", t)) for t in kind.topics(r, ctx.catalog)]
    when_ = kind.as_of_date(r)
    filters.append(("year", str(when_.year)))
    filters += kind.search_filters(r, ctx)
    # What the lists filter by and nothing above says (cooperation, support type): the facets' own values.
    named = {name for name, _value in filters}
    filters += [(f.search_filter, label) for f in kind.facets if f.search_filter not in named
                for _code, label in f.values(r, ctx)]
    return SearchData(_(kind.one), tuple(filters), _(", ").join(ctx.cname(c) for c in countries), str(when_.year),
                      when_.first_day.isoformat())
