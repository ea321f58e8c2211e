"""The catalog indexed once for every page of every language: records by country, region and
topic, who hosted and who benefited, each consultant's activities, each party's recorded matches,
and the suggested matches. Nothing here depends on the language the pages are written in."""

from __future__ import annotations

from collections import defaultdict

from .figures import Parties, activity_pairs, hosts_of, map_values, partners_of, provider_regions_by_year
from .kinds import ACTIVITY, CONSULTANT, KINDS, MATCH, NEED, OFFER
from .matching import suggest
from .paths import m49_slug
from .validate import Catalog


class Lookup:
    def __init__(self, catalog: Catalog, today):
        self.catalog = catalog
        self.today = today
        self._modalities: dict = {}
        self.reference = catalog.reference
        self.by_country = defaultdict(lambda: defaultdict(list))  # iso3 -> collection -> records, as listed
        self.by_topic = defaultdict(lambda: defaultdict(list))
        self.by_region = defaultdict(lambda: defaultdict(list))  # region slug -> collection -> records
        self.hosted = defaultdict(list)  # iso3 -> activities it hosted or provided
        self.benefited = defaultdict(list)  # iso3 -> activities it benefited from
        self.consultant_activities = defaultdict(list)
        for kind in KINDS:
            for r in kind.sorted(catalog.records[kind.collection]):
                regions = []
                for iso3 in kind.countries(r, catalog):
                    self.by_country[iso3][kind.collection].append(r)
                    regions += self.regions_of(iso3)
                for slug in dict.fromkeys(regions):
                    self.by_region[slug][kind.collection].append(r)
                for topic in kind.topics(r, catalog):
                    self.by_topic[topic][kind.collection].append(r)
        for a in ACTIVITY.sorted(catalog.records[ACTIVITY.collection]):
            for iso3 in sorted(hosts_of(a)):
                self.hosted[iso3].append(a)
            for iso3 in dict.fromkeys(b.country for b in a.beneficiaries if b.country):
                self.benefited[iso3].append(a)
            for cid in a.consultants:
                self.consultant_activities[cid].append(a)
        self.matches_of = defaultdict(list)  # (party kind, id) -> recorded matches
        matches = catalog.records[MATCH.collection]
        for m in MATCH.sorted(matches):
            for key in ((NEED.name, m.need), (OFFER.name, m.offer), (CONSULTANT.name, m.consultant)):
                if key[1]:
                    self.matches_of[key].append(m)
        self.suggestions = suggest(catalog, today, {m.need for m in matches})
        self.activity_pairs = activity_pairs(catalog.records[ACTIVITY.collection])  # for every page's charts
        self.parties = Parties()  # each activity's hosts and beneficiaries, for every language's charts
        self._counted: dict = {}  # key -> (the catalog, what was counted), see `counted`

    def partners(self, iso3: str) -> tuple[list, set]:
        """A country's activities and partners (figures.partners_of), found once for every language's
        country page and the partner map drawn for them all."""
        return self.counted(("partners", iso3), lambda: partners_of(self, iso3))

    def partner_values(self, iso3: str):
        """How many of a country's activities each of its partners took part in (figures.map_values):
        its page's map in every language, and the partner map drawn for them all."""
        return self.counted(("partner-values", iso3), lambda: map_values(self.partners(iso3)[0], self.parties, iso3))

    def region_activities(self, slug: str) -> list:
        """The activities with a host or a beneficiary in a region (WIPO grouping or M49 region), in
        the catalog's order: the same for every language's region page, so found once."""
        def find() -> list:
            members = {iso3 for iso3 in self.by_country if slug in self.regions_of(iso3)}
            return [a for a in self.catalog.records[ACTIVITY.collection] if self.parties.involved(a) & members]
        return self.counted(("region-activities", slug), find)

    def counted(self, key, count):
        """`count()`, something no language changes (a tally of codes, the records a feed shows, a
        region's activities), made by the first language that asks under `key` and kept for the
        others for as long as the catalog is the same (`serve` may put an edited catalog in)."""
        found = self._counted.get(key)
        if found is None or found[0] is not self.catalog:
            found = self._counted[key] = (self.catalog, count())
        return found[1]

    def region_years(self, slug: str):
        """A region page's activities per year by provider region (figures.provider_regions_by_year),
        counted once for every language."""
        return self.counted(("region-years", slug), lambda: provider_regions_by_year(
            self.region_activities(slug), self.parties, self.reference))

    def modality(self, kind, record):
        """A record's computed modality (portal/verdicts.py), remembered: cards, facets and pages of every
        language ask for it."""
        key = (kind.name, record.id, id(record))
        found = self._modalities.get(key)
        if found is None:
            found = self._modalities[key] = kind.modality(record, self.catalog, self.reference)
        return found

    def regions_of(self, iso3: str) -> list[str]:
        c = self.reference.countries[iso3]
        return [c.wipo] + [m49_slug(code) for code in (c.region, c.subregion, c.intermediate) if code]
