"""Facets and helpers that several kinds declare alike."""

from __future__ import annotations

from .kind import Facet
from ..i18n import N_
from ..verdicts import SUPPORTER, Party


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


# The modalities as labels and matchmaking print them (short), and as cards and facets do (long).
MODALITY_SHORT = {"south-south": N_("South-South"), "triangular": N_("Triangular"), "north-south": N_("North-South"),
                  "multilateral": N_("Multilateral"), "national": N_("National")}


def modality_facet(kind, name: str = "cooperation", label: str = N_("Cooperation")) -> Facet:
    """By the computed modality of a record of the kind that `kind()` gives (a function, as the kind is
    declared with its facets); the page context remembers the modality. Whatever the facet's name in
    the list's URLs, the search page's filter is "cooperation"."""
    def values(record, ctx):
        verdict = ctx.modality(kind(), record)
        return [(verdict.modality, ctx.label("modalities", verdict.modality))]
    return Facet(name, label, values, search="cooperation")


def unique(countries) -> tuple:
    return tuple(dict.fromkeys(countries))


def organization_party(org, role: str) -> Party:
    """An organization as a party. A regional IP organization of the South (ARIPO, OAPI, ...) that hosts,
    provides or benefits stands for its member states (a southern group); in a supporting role it is,
    like any intergovernmental organization, an international organization supporting them."""
    group = org.type == "regional-ip-organization" and not org.country and role != SUPPORTER
    return Party(org.name, role, org.country, group=group)


def organization_countries(orgs) -> list:
    return [o.country for o in orgs or () if o.country]
