"""What every page builder needs to say things in one language: names of countries, regions and
vocabulary terms, links to country and topic pages, cards of records, a record's text in this
language, and the pieces of matchmaking pages. One context per language; the language-independent
index of the catalog (portal/lookup.py) is shared by all."""

from __future__ import annotations

import dataclasses

from ..config import SiteConfig
from ..figures import Figures
from ..i18n import N_, SOURCE_LANGUAGE, Language, _, active, ngettext, number
from ..kinds import BY_NAME, MATCH, Kind
from ..kinds.common import MODALITY_SHORT
from ..lookup import Lookup
from ..markup import MarkdownRenderer
from ..matching import Suggestion
from ..paths import country_path, record_path, topic_path
from ..render import relative
from ..verdicts import expired
from ..views import Card, Fact, Item, Section, SuggestionItem, SuggestionList

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
# What a pending decision on a status period is (portal/reference.py, PENDING_DECISIONS), in words.
PENDING_DECISIONS = {
    # i18n: A decision awaited on a country's status. %(date)s: the graduation date the extension would
    # set; %(announced)s: the day the recommendation was made public. The status shown is the one of the
    # date already set ("the scheduled date").
    "ldc-extension": N_("extension of the preparatory period for graduation from the least developed country "
                        "category to %(date)s, recommended by the UN Committee for Development Policy and made "
                        "public on %(announced)s; the scheduled date applies until the General Assembly decides"),
}


class Context:
    def __init__(self, lookup: Lookup, config: SiteConfig, language: Language, md: MarkdownRenderer):
        self.lookup = lookup
        self.config = config
        self.language = language
        self.md = md
        self.base_url = f"{config.base_url.rstrip('/')}/{language.code}/" if config.base_url else ""
        self._cards: dict = {}
        self._pending_named: dict = {}  # (iso3, Pending) -> None, as status_note names them
        self._labels: dict = {}  # (language, vocabulary, code) -> label
        self._items: dict = {}  # ("country" or "topic", code) -> Item (`country`, `topic`)

    @property
    def catalog(self):
        return self.lookup.catalog

    @property
    def ref(self):
        return self.lookup.reference

    @property
    def today(self):
        return self.lookup.today

    def expired(self, record) -> bool:
        return expired(record, self.today)

    # ---- names, in the active language

    def cname(self, iso3: str) -> str:
        """A country's name: the UN English name, or CLDR's name in the active language."""
        c = self.ref.countries[iso3]
        return active().country(c.iso2, c.name)

    def wipo_name(self, code: str) -> str:
        return _(self.ref.wipo_regions[code])

    def m49_name(self, code: str) -> str:
        return _(self.ref.regions[code].name)

    def region_name(self, slug: str) -> str:
        if slug.startswith("m49-"):
            return self.m49_name(slug[4:])
        return self.wipo_name(slug)

    def label(self, vocabulary: str, code: str) -> str:
        """A vocabulary term's label: languages from CLDR, every other vocabulary from the catalogs.
        Asked for hundreds of thousands of times in a large build: remembered, by language."""
        language = active()
        key = (language.code, vocabulary, code)
        text = self._labels.get(key)
        if text is None:
            english = self.ref.vocabularies[vocabulary].label(code)
            text = self._labels[key] = (language.language_name(code, english) if vocabulary == "languages"
                                        else language.gettext(english))
        return text

    def by_name(self, iso3s) -> list:
        """Countries in the alphabetical order of their names in the active language."""
        return sorted(iso3s, key=lambda c: (self.cname(c).casefold(), c))

    def status_name(self, status: str) -> str:
        return _(STATUS_NAMES[status])

    def status_note(self, iso3: str, day) -> str:
        """A country's status on a record's date, in words, with the decision pending on it if any (the
        record's page then lists its source: pending_sources)."""
        period = self.ref.countries[iso3].status_on(day)
        label = _(STATUS_ON_DATE[period.status])
        pending = period.pending_on(day)
        if pending is None:
            return label
        self._pending_named.setdefault((iso3, pending), None)
        # i18n: On a record's page, after a country's name: its status on the record's date, then the
        # decision pending on it.
        return _("%(status)s — decision pending: %(decision)s", status=label, decision=self.pending_text(pending))

    def pending_text(self, pending) -> str:
        """What a pending decision is, in words, without its source."""
        return _(PENDING_DECISIONS[pending.decision], date=active().date(pending.proposed),
                 announced=active().date(pending.announced))

    def pending_items(self, pending) -> tuple:
        """A pending decision on a country page: what it is, and a link to its source."""
        return (Item(_("Decision pending: %(decision)s", decision=self.pending_text(pending))),
                self.pending_source(pending))

    def pending_source(self, pending) -> Item:
        return Item(_("Source: %(title)s", title=pending.source.title), pending.source.url)

    def pending_sources(self) -> Fact | None:
        """The sources of the pending decisions status_note has named since it was last asked, as a
        record page's fact (each with the country it is about), and forget them."""
        named, self._pending_named = self._pending_named, {}
        if not named:
            return None
        return Fact(ngettext("Source of the pending decision", "Sources of the pending decisions", len(named)),
                    tuple(Item(p.source.title, p.source.url, note=self.cname(iso3)) for iso3, p in named))

    # ---- cooperation

    def modality(self, kind: Kind, r):
        """The record's computed modality (a Verdict), worked out once for every language."""
        return self.lookup.modality(kind, r)

    def modality_label(self, kind: Kind, r) -> str:
        return self.label("modalities", self.modality(kind, r).modality)

    def cooperation(self, kind: Kind, r) -> Fact:
        """The 'Cooperation' line of a record page: its computed modality, and why: the parties that
        made it other than South-South, or else what it is judged from."""
        verdict = self.modality(kind, r)
        names = _(", ").join(dict.fromkeys(self._party_name(p) for p in verdict.parties))
        why = {
            "triangular": lambda: _("with the support of %(parties)s", parties=names),
            "north-south": lambda: _("provided by %(parties)s, from a developed country on that date", parties=names),
            "multilateral": lambda: _("provided by %(parties)s, an international organization", parties=names),
            "national": lambda: _("one country only: %(parties)s", parties=names),
        }.get(verdict.modality)
        note = why() if why and names else _(kind.modality_note)
        return Fact(_("Cooperation"), (Item(self.label("modalities", verdict.modality), note=note),))

    def _party_name(self, party) -> str:
        """A party as a reader knows it: a country by its name in this language, an organization by
        its own name and, where it has one, its country's."""
        if party.country is None:
            return party.name
        country = self.cname(party.country)
        return country if party.name in (party.country, country) else _("%(name)s (%(country)s)", name=party.name,
                                                                          country=country)

    # ---- small builders

    def country(self, iso3: str, note: str = "") -> Item:
        """A country's name, linked to its page when it has one (every country in a record's own scope
        does). One Item for the edition (an Item is never changed), copied with a note when one is given."""
        item = self._items.get(("country", iso3))
        if item is None:
            href = country_path(iso3) if iso3 in self.lookup.by_country else None
            item = self._items[("country", iso3)] = Item(self.cname(iso3), href)
        return dataclasses.replace(item, note=note) if note else item

    def topic(self, code: str) -> Item:
        item = self._items.get(("topic", code))
        if item is None:
            item = self._items[("topic", code)] = Item(self.label("topics", code), topic_path(code))
        return item

    def languages(self, codes) -> tuple:
        return tuple(Item(self.label("languages", c)) for c in codes)

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

    def figures_for(self, page_path: str) -> Figures:
        return Figures(self.catalog, lambda iso3: country_path(iso3) if iso3 in self.lookup.by_country else None,
                       lambda target: relative(target, page_path) if target else None, self.lookup.activity_pairs,
                       self.lookup.parties)

    # ---- a record's texts in this language

    def text(self, r, field: str) -> tuple[str, str]:
        """A record's text in the active language: its translation, or else the original with the
        code of the language it is written in ('' when that is the page's language)."""
        return text_in(r, field, self.language.code)

    def title(self, kind: Kind, r) -> tuple[str, str]:
        """What names a record on another page (a card, a link, a suggestion), as `text` gives it:
        its title in the active language, or its original title and that title's language."""
        return self.text(r, "title") if "title" in kind.texts else (kind.title(r), "")

    def linked(self, kind: Kind, r, **item) -> Item:
        """A link to a record, named by its title in the active language or marked with the original's."""
        title, lang = self.title(kind, r)
        return Item(title, record_path(kind.collection, r.id), lang=lang, **item)

    # ---- cards

    def card(self, kind: Kind, r) -> Card:
        """The kind's card facts and summary: a summary the kind makes of facts is in the page's
        language; one that is a text of the record comes as `text` gives it, (text, language)."""
        meta, summary = kind.card(r, self)
        summary, summary_lang = summary if isinstance(summary, tuple) else (summary, "")
        title, lang = self.title(kind, r)
        if "summary" in kind.texts:
            summary, summary_lang = self.text(r, "summary")
        topics = _(", ").join(self.label("topics", t) for t in kind.topics(r, self.catalog))
        return Card(record_path(kind.collection, r.id), title, tuple(meta), summary, topics, lang, summary_lang)

    def cards(self, kind: Kind, records) -> tuple:
        """Cards are built once per record and shared by every list the record appears on."""
        out = []
        for r in records:
            key = (kind.name, r.id)
            card = self._cards.get(key)
            if card is None:
                card = self._cards[key] = self.card(kind, r)
            out.append(card)
        return tuple(out)

    # ---- matchmaking

    def suggestion_list(self, id_: str, title: str, intro: str, found, empty: str) -> SuggestionList:
        return SuggestionList(id_, title, intro, tuple(self.suggestion_item(s) for s in found), empty)

    def suggestion_item(self, s: Suggestion) -> SuggestionItem:
        kind = BY_NAME[s.kind]
        r = self.catalog.get(kind.collection, s.id)
        title, lang = self.title(kind, r)
        return SuggestionItem(record_path(kind.collection, s.id), title, _(kind.one),
                              s.score, tuple(self.reason(*reason) for reason in s.reasons),
                              _(MODALITY_SHORT[s.cooperation]), kind.party(r, self), lang)

    def reason(self, what: str, codes: tuple) -> str:
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

    def match_sections(self, key) -> list:
        found = self.lookup.matches_of.get(key, [])
        if not found:
            return []
        return [Section("matches", _("Recorded matches (%(count)s)", count=number(len(found))), self.cards(MATCH, found))]


def text_in(r, field: str, lang: str) -> tuple[str, str]:
    """A record's text in language `lang`: its translation, or else the original with the code of
    the language it is written in ('' when that is `lang`)."""
    original = r.language or SOURCE_LANGUAGE
    value = r.body if field == "body" else getattr(r, field)
    if original == lang:
        return value, ""
    translation = getattr(r.translations, lang, None) if r.translations else None
    translated = getattr(translation, field, None) if translation else None
    return (translated, "") if translated else (value, original)
