"""Facets and helpers that several kinds declare alike."""

from __future__ import annotations

from .kind import Facet
from ..i18n import N_


def _regions(kind_countries):
    def values(record, ctx):
        return [(w, ctx.wipo_name(w)) for w in
                dict.fromkeys(ctx.ref.countries[c].wipo for c in kind_countries(record, ctx.catalog))]
    return values


def region_facet(kind_countries) -> Facet:
    """By the WIPO regional grouping of the countries the record is about."""
    return Facet("region", N_("Region"), _regions(kind_countries))


def topic_facet(kind_topics, label: str = N_("Topic")) -> Facet:
    return Facet("topic", label, lambda r, ctx: [(t, ctx.label("topics", t)) for t in kind_topics(r, ctx.catalog)])


def year_facet(as_of_field: str) -> Facet:
    def values(record, ctx):
        year = str(getattr(record, as_of_field).year)
        return [(year, year)]
    return Facet("year", N_("Year"), values)


def vocabulary_facet(name: str, label: str, vocabulary: str, codes) -> Facet:
    """A facet whose values are terms of one vocabulary: `codes(record)` gives them."""
    return Facet(name, label, lambda r, ctx: [(c, ctx.label(vocabulary, c)) for c in codes(r)])


def unique(countries) -> tuple:
    return tuple(dict.fromkeys(countries))


def organization_countries(orgs) -> list:
    return [o.country for o in orgs or () if o.country]
