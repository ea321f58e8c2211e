"""The numbers behind the charts and maps: counts of activities by year, region, country and topic,
computed from the catalog and handed to portal/charts.py to draw. Every count is of activities; an
activity counts once in each cell it belongs to (an activity with hosts in two regions counts for both)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable

from .i18n import _, active
from .kinds import INITIATIVE
from .charts import Chart, flow_matrix, heat_matrix, ranked_bars, stacked_bars
from .maps import PARTNER_MAP_FILE, WORLD_MAP_FILE, world_map, world_map_overlay

TOP = 10


def hosts_of(a) -> set:
    """The countries that hosted or provided an activity (host organizations with a country too)."""
    return set(a.hosts) | {o.country for o in a.host_organizations if o.country}


def beneficiaries_of(a) -> set:
    """The beneficiary countries named (a beneficiary group names none)."""
    return {b.country for b in a.beneficiaries if b.country}


class Parties:
    """Each activity's hosts and beneficiaries (`hosts_of`, `beneficiaries_of`), worked out once for a
    catalog: the charts, maps and region pages of every language ask for them, about 550,000 times
    in a language's pages at 10,000 records. Kept by the activity's identity, with the activity
    itself, so that an id is never another activity's."""

    def __init__(self):
        self._by_id: dict[int, tuple] = {}

    def _of(self, a) -> tuple:
        found = self._by_id.get(id(a))
        if found is None or found[0] is not a:
            hosts, beneficiaries = frozenset(hosts_of(a)), frozenset(beneficiaries_of(a))
            found = self._by_id[id(a)] = (a, hosts, beneficiaries, hosts | beneficiaries)
        return found

    def hosts(self, a) -> frozenset:
        return self._of(a)[1]

    def beneficiaries(self, a) -> frozenset:
        return self._of(a)[2]

    def involved(self, a) -> frozenset:
        return self._of(a)[3]


def map_values(activities, parties: Parties, focus: str | None = None) -> Counter:
    """A map of activities: how many of them each country took part in (the focus left out)."""
    values = Counter(c for a in activities for c in parties.involved(a))
    if focus:
        values.pop(focus, None)
    return values


def partners_of(lookup, iso3: str) -> tuple[list, set]:
    """A country's activities (hosted, provided or benefited from) and its partners: the other
    countries of those activities and of its initiatives. The same in every language, so worked
    out once per catalog (`Lookup.partners`)."""
    # By identity: hashing a record (a frozen dataclass) hashes every field of it, each time.
    mine = list({id(a): a for a in lookup.hosted.get(iso3, []) + lookup.benefited.get(iso3, [])}.values())
    partners = {c for i in lookup.by_country[iso3].get(INITIATIVE.collection, []) for c in INITIATIVE.countries(i)}
    partners |= {c for a in mine for c in lookup.parties.involved(a)}
    return mine, partners - {iso3}


def partner_map_files(lookup, data_dir) -> dict:
    """Each country page's partner map, drawn once for every language (PARTNER_MAP_FILE): site path
    -> bytes. At 10,000 records a country's partners are most of the world, and its map drawn inline
    was 85 KB in each language's page."""
    files = {}
    for iso3 in sorted(lookup.by_country):
        mine, partners = lookup.partners(iso3)
        files[partner_map_file(iso3)] = world_map_overlay(lookup.partner_values(iso3), partners, iso3, data_dir)
    return files


def partner_map_file(iso3: str) -> str:
    return PARTNER_MAP_FILE.format(iso3=iso3.lower())


def activity_pairs(activities) -> Counter:
    """(provider country, beneficiary country) -> number of activities."""
    return Counter((h, b) for a in activities for h in hosts_of(a) for b in beneficiaries_of(a))


def provider_regions_by_year(activities, parties: Parties, ref) -> Counter:
    """(year, the WIPO groupings of its hosts) -> number of activities: what a chart of activities
    per year by provider region draws, in every language."""
    return Counter((a.start.year, frozenset(ref.countries[h].wipo for h in parties.hosts(a))) for a in activities)


class Figures:
    def __init__(self, catalog, country_href: Callable[[str], str | None], link: Callable[[str | None], str | None],
                 pairs: Counter | None = None, parties: Parties | None = None):
        """`country_href(iso3)` is the site path of a country page (None if it has none); `link(path)`
        makes a site path relative to the page the chart goes on; `pairs`, when given, is
        `activity_pairs(activities)`, computed once for all pages, and `parties` the catalog's."""
        self.parties = parties if parties is not None else Parties()
        self.ref = catalog.reference
        self.activities = catalog.records["activities"]
        self.topics = catalog.reference.vocabulary("topics")
        self.country_href = country_href
        self.link = link
        self._pairs = pairs

    def pairs(self) -> Counter:
        if self._pairs is None:
            self._pairs = activity_pairs(self.activities)
        return self._pairs

    def pairs_of(self, iso3: str) -> tuple[Counter, Counter]:
        """(who provided to the country, whom it provided to), from the pairs indexed once."""
        pairs = self.pairs()
        index = getattr(pairs, "by_country", None)
        if index is None:
            index = defaultdict(lambda: (Counter(), Counter()))
            for (h, b), n in pairs.items():
                if h != b:
                    index[b][0][h] += n
                    index[h][1][b] += n
            pairs.by_country = index  # kept with the pairs, which every page's figures share
        found = index.get(iso3)
        return found if found else (Counter(), Counter())

    def name(self, iso3: str) -> str:
        c = self.ref.countries[iso3]
        return active().country(c.iso2, c.name)

    def region(self, iso3: str) -> str:
        return _(self.ref.wipo_regions[self.ref.countries[iso3].wipo])

    def href(self, iso3: str) -> str | None:
        target = self.country_href(iso3)
        return self.link(target) if target else None

    # ---- charts

    def activity_map(self, chart_id: str, activities, title: str, description: str, focus: str | None = None,
                     highlight: set | None = None, overlay: str | None = None, values: Counter | None = None) -> Chart:
        """`overlay`: the file at the site's root (partner_map_files) that draws this map's countries,
        for a map drawn the same in every language. `values`: `map_values(activities, ..., focus)`,
        when the caller has it."""
        if values is None:
            values = map_values(activities, self.parties, focus)
        links = {c: href for c in values if (href := self.href(c))}  # once per country: a map names dozens
        if focus and self.href(focus):
            links[focus] = self.href(focus)
        return world_map(chart_id, title, description, dict(values), links=links, highlight=highlight, focus=focus,
                         value_label=_("Activities"), name_of=self.name, data_dir=self.ref.data_dir,
                         base="../" + self.link(WORLD_MAP_FILE),  # pages are in their language's folder
                         overlay="../" + self.link(overlay) if overlay else None)

    def per_year_by_provider_region(self, chart_id: str, activities, title: str, description: str,
                                    tally: Counter | None = None) -> Chart:
        """`tally`: `provider_regions_by_year(activities, ...)`, when the caller has it."""
        if tally is None:
            tally = provider_regions_by_year(activities, self.parties, self.ref)
        years = sorted({year for year, _codes in tally})
        categories = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
        counts: dict[str, Counter] = defaultdict(Counter)
        for (year, codes), n in tally.items():
            for region in {_(self.ref.wipo_regions[code]) for code in codes}:
                counts[region][str(year)] += n
        order = [_(name) for name in self.ref.wipo_regions.values() if _(name) in counts]
        series = [(region, [counts[region][y] for y in categories]) for region in order]
        return stacked_bars(chart_id, title, description, categories, series, category_label=_("Year"))

    def regional_flows(self, chart_id: str, activities, title: str, description: str) -> Chart:
        pairs = Counter()
        for a in activities:
            for pair in {(self.region(h), self.region(b)) for h in self.parties.hosts(a)
                         for b in self.parties.beneficiaries(a)}:
                pairs[pair] += 1
        regions = [_(name) for name in self.ref.wipo_regions.values()
                   if any(_(name) in pair for pair in pairs)]
        counts = [[pairs[(r, c)] for c in regions] for r in regions]
        return flow_matrix(chart_id, title, description, regions, regions, counts,
                           row_label=_("Provider region"), col_label=_("Beneficiary region"))

    def ranked(self, chart_id: str, activities, role: Callable, title: str, description: str,
               value_label: str) -> Chart:
        counts = Counter(c for a in activities for c in role(a))
        top = sorted(counts, key=lambda c: (-counts[c], self.name(c)))[:TOP]
        return ranked_bars(chart_id, title, description, [(self.name(c), counts[c], self.href(c)) for c in top],
                           item_label=_("Country"), value_label=value_label)

    def topics_over_time(self, chart_id: str, activities, title: str, description: str) -> Chart:
        years = sorted({a.start.year for a in activities})
        cols = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
        counts = Counter((t, str(a.start.year)) for a in activities for t in a.topics)
        rows = [code for code in self.topics.terms if any(counts[(code, y)] for y in cols)]
        return heat_matrix(chart_id, title, description, [_(self.topics.label(code)) for code in rows], cols,
                           [[counts[(code, y)] for y in cols] for code in rows])

    def country_flows(self, chart_id: str, iso3: str, title: str, description: str) -> Chart | None:
        """Who provided to this country and to whom it provided: rows provide, columns benefit."""
        pairs = self.pairs()
        to_it, from_it = self.pairs_of(iso3)
        if not to_it and not from_it:
            return None
        providers = sorted(to_it, key=lambda c: (-to_it[c], self.name(c)))[:6]
        beneficiaries = sorted(from_it, key=lambda c: (-from_it[c], self.name(c)))[:6]
        rows, cols = [iso3] + providers, [iso3] + beneficiaries
        counts = [[pairs[(r, c)] for c in cols] for r in rows]
        return flow_matrix(chart_id, title, description, [self.name(c) for c in rows], [self.name(c) for c in cols],
                           counts, row_label=_("Provider"), col_label=_("Beneficiary"))
