"""What a record kind is: one declaration that every stage reads. Its format (the fields, in the
schema language of portal/fields.py), its collection and file type, its names in the interface,
the rules the validator applies beyond the format, and how the pages show it: its card, its
page's view, its facets, its search filters, its JSON-LD. No stage asks which kind a record is by
name; it asks the record's declaration.

The functions that show a record take the record and `ctx`, the page context of the language
being derived (portal/pages/context.py): names, labels, links and cards in that language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..fields import Obj, PartialDate


@dataclass(frozen=True)
class Facet:
    """A static facet of a collection's list: its URL segment, its label (a message to translate),
    the (code, label) values of one record, and the search page's filter that holds the same labels
    (empty: the facet's own name), so that a list can hand its filters to the search page to combine."""

    name: str
    label: str
    values: Callable  # (record, ctx) -> [(code, label), ...]
    search: str = ""

    @property
    def search_filter(self) -> str:
        return self.search or self.name


def _newest_first(kind: "Kind", records) -> list:
    return sorted(records, key=lambda r: (kind.as_of_date(r).first_day, r.id), reverse=True)


def _no_more(record) -> tuple:
    return ()


@dataclass(frozen=True)
class Kind:
    name: str  # singular, used by `build.py new <name>`
    collection: str  # folder under content/ and URL segment
    extension: str
    label: str  # singular, for people reading the validator's messages
    label_plural: str
    as_of_field: str  # the date the record is judged on for the South-South rules
    format: Obj
    # The interface's names (messages to translate): one record and the collection's heading;
    # `count(n)`: "3 activities", and `counted(n)`: "activities", the noun alone under a figure of n,
    # both in the plural form the active language gives n.
    one: str = ""
    heading: str = ""
    counted: Callable = None  # (n) -> str
    count: Callable = None  # (n) -> str
    intro: str = ""  # the collection's list page says what it holds
    nav_position: int = 0  # place in the site's navigation
    # The texts a record may have translated: part of the page -> field of the record.
    texts: dict = field(default_factory=dict)
    title: Callable = lambda record: record.title  # what names the record in lists and messages
    # The countries a record is about (its country pages list it); `catalog` answers references.
    countries: Callable = None  # (record, catalog) -> tuple of ISO3
    also_named: Callable = _no_more  # (record) -> more countries search filters name (organizers...)
    topics: Callable = lambda record, catalog: record.topics  # (record, catalog) -> topic codes
    order: Callable = _newest_first  # (kind, records) -> records as lists show them
    updated: Callable = None  # (record) -> PartialDate for feeds; default: the as-of date
    # How the pages show it.
    card: Callable = None  # (record, ctx) -> (meta Items, summary)
    view: Callable = None  # (record, ctx) -> dict of RecordView fields
    template: str = "record.html"  # of its record pages
    facets: tuple = ()  # Facet
    search_filters: Callable = lambda record, ctx: []  # (record, ctx) -> [(filter, value)] beyond the common ones
    jsonld: Callable = None  # (record, ctx, title, summary as the page shows them) -> schema.org dict, or None
    list_links: tuple = ()  # (label message, site path) shown on the collection's list
    party: Callable = None  # (record, ctx) -> meta Items under its title when suggested as a match
    # Cooperation: the parties a record names (portal/verdicts.py), from which its modality is computed;
    # the modality the record itself declares, if any; the modalities its kind admits (empty: any);
    # and a message saying what the computed modality is judged from.
    parties: Callable = None  # (record, catalog) -> [Party]
    declared_modality: Callable = lambda record: None  # (record) -> modality code or None
    modalities: tuple = ()
    modality_note: str = ""
    # What the validator checks beyond the format.
    rules: tuple = ()  # (record, chk, context) -> None; context: portal/rules.py RuleContext
    references: dict = field(default_factory=dict)  # field -> collection its ids must exist in
    body_template: str = ""  # the Markdown body `build.py new` writes ({todo} marks each placeholder)

    def as_of_date(self, record) -> PartialDate:
        return getattr(record, self.as_of_field)

    def as_of(self, record):
        """The day a record is judged on: the first day of its start (or posting, listing, year) date."""
        return self.as_of_date(record).first_day

    def modality(self, record, catalog, reference):
        """The computed modality (a Verdict) of a record on its as-of date, or None for a kind without one."""
        if self.parties is None:
            return None
        from ..verdicts import modality

        return modality(self.parties(record, catalog), self.as_of(record), reference)

    def sorted(self, records) -> list:
        return self.order(self, records)

    def updated_on(self, record) -> PartialDate:
        return self.updated(record) if self.updated else self.as_of_date(record)

    @property
    def a_label(self) -> str:
        return ("an " if self.label[0] in "aeiou" else "a ") + self.label

    @property
    def has_body(self) -> bool:
        return self.extension == ".md"

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"
