"""What the catalog's index keeps for every language (portal/lookup.py): a language derived after
others gets the same pages as one derived first, and what is kept is made again for another
catalog (`serve` puts an edited one in)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from portal import pipeline
from portal.figures import provider_regions_by_year
from portal.i18n import load_language
from portal.kinds import ACTIVITY
from portal.pages import Site
from portal.project import Project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped():
    project = Project(ROOT)
    checked = pipeline.check(project)
    assert checked.catalog is not None and not checked.report.failed()
    languages = {code: load_language(code, project.locale_dir) for code in checked.config.languages}
    return checked, languages


def new_site(checked, languages) -> Site:
    return Site(checked.catalog, checked.config, checked.today, list(languages.values()), ahead=False)


@pytest.mark.parametrize("code", ["fr", "ar", "zh"])
def test_a_language_derived_after_others_gets_the_pages_it_gets_first(shipped, code):
    checked, languages = shipped
    first = new_site(checked, languages).edition(languages[code], data=False)
    later_site = new_site(checked, languages)
    for other in ("en", "es", "ru"):
        later_site.edition(languages[other], data=False)  # fills what the index keeps, in other languages
    later = later_site.edition(languages[code], data=False)
    assert [p.path for p in later.pages] == [p.path for p in first.pages]
    differ = [p.path for p, q in zip(first.pages, later.pages) if p != q]
    assert differ == []
    assert later.files == first.files  # the feeds and the calendar
    # What is kept was used: the index holds tallies the pages asked for.
    assert later_site.lookup._counted


def test_kept_tallies_are_made_again_for_another_catalog(shipped):
    checked, languages = shipped
    lookup = new_site(checked, languages).lookup
    made = []

    def count():
        made.append(1)
        return Counter(a.start.year for a in lookup.catalog.records[ACTIVITY.collection])

    first = lookup.counted(("test",), count)
    assert lookup.counted(("test",), count) is first and len(made) == 1
    lookup.catalog = pipeline.check(Project(ROOT)).catalog  # as `serve` does after an edit
    again = lookup.counted(("test",), count)
    assert len(made) == 2 and again == first and again is not first


def test_provider_regions_by_year_counts_each_activity_once_per_year_and_groupings(shipped):
    checked, languages = shipped
    lookup = new_site(checked, languages).lookup
    activities = checked.catalog.records[ACTIVITY.collection]
    tally = provider_regions_by_year(activities, lookup.parties, checked.catalog.reference)
    assert sum(tally.values()) == len(activities)
    direct = Counter()
    for a in activities:
        hosts = set(a.hosts) | {o.country for o in a.host_organizations if o.country}
        direct[(a.start.year, frozenset(checked.catalog.reference.countries[h].wipo for h in hosts))] += 1
    assert tally == direct
    assert any(len(codes) > 1 for _year, codes in tally)  # the shipped activities include hosts in two groupings
