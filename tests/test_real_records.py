"""Records transcribed from public pages: each validates, cites its sources, and its page shows the
modality its sources describe (computed by the portal from the parties the sources name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.kinds import BY_COLLECTION
from portal.pipeline import check
from portal.project import Project

ROOT = Path(__file__).resolve().parent.parent

# record -> the modality its sources describe
REAL = {
    "activities/interregional-south-south-meeting-brasilia-2012": "South-South cooperation",
    "activities/interregional-south-south-meeting-cairo-2013": "South-South cooperation",
    "activities/study-visit-heads-of-ip-offices-ompic-casablanca-2016": "South-South cooperation",
    "activities/quality-products-origin-seminar-cap-skirring-2017": "South-South cooperation",
    "activities/geographical-indications-roundtable-yaounde-2019": "South-South cooperation",
    "activities/patent-drafting-course-aripo-harare-2017": "Triangular cooperation",  # Japan Funds-in-Trust
    "activities/patent-drafting-course-aripo-harare-2018": "Triangular cooperation",
    "activities/ip-policy-guidelines-validation-workshop-harare-2017": "Triangular cooperation",  # JPO funding
    "activities/wipo-aripo-tisc-regional-meeting-harare-2024": "South-South cooperation",
    "activities/patent-examination-seminar-belt-and-road-zhengzhou-2018": "South-South cooperation",
    "activities/sino-african-ip-forum-beijing-2002": "South-South cooperation",
    "activities/arpet-patent-examination-module-zanzibar-2022": "Triangular cooperation",  # the EPO, EU-funded
    "activities/jornadas-lusofonas-propriedade-industrial-rio-2025": "South-South cooperation",
    "activities/anti-counterfeiting-exchange-lusophone-africa-praia-2024": "Triangular cooperation",
    "initiatives/aripo-patent-examination-training-programme-arpet": "Triangular cooperation",
    "initiatives/prosur-industrial-property-cooperation-south-america": "Triangular cooperation",
}


@pytest.fixture(scope="module")
def catalog():
    result = check(Project(ROOT))
    assert not result.report.failed()
    return result.catalog


def test_at_least_fifteen_real_records_with_their_sources(catalog):
    assert len(REAL) >= 15
    for key in REAL:
        collection, record_id = key.split("/")
        record = catalog.get(collection, record_id)
        assert record is not None, key
        assert record.sources and all(s.url.startswith(("http://", "https://")) for s in record.sources), key
        text = " ".join((record.body, getattr(record, "description", ""), getattr(record, "summary", "")))
        assert "Transcribed from" in text and "Illustrative record." not in text, key


@pytest.mark.parametrize("key", sorted(REAL))
def test_each_real_record_shows_the_modality_of_its_sources(key, en, catalog):
    collection, record_id = key.split("/")
    page = (en / collection / record_id / "index.html").read_text(encoding="utf-8")
    assert f"<dt>Cooperation</dt>\n<dd>{REAL[key]} " in page
    kind = BY_COLLECTION[collection]
    verdict = kind.modality(catalog.get(collection, record_id), catalog, catalog.reference)
    assert verdict.modality == REAL[key].split()[0].lower()


def test_illustrative_records_carry_no_real_meeting_names(catalog):
    """The two records that once borrowed the names of real WIPO meetings are now transcriptions of them."""
    for record in catalog.records["activities"]:
        if "Interregional" in record.title or "interregional" in record.title:
            assert record.sources and "Transcribed from" in record.description, record.id


def test_a_page_says_in_its_language_who_made_cooperation_triangular(site):
    """The reason is the reader's: the supporting parties, with their countries' names in the page's language."""
    import html

    key = "activities/patent-drafting-course-aripo-harare-2017/index.html"
    english = html.unescape((site / "en" / key).read_text(encoding="utf-8"))
    french = html.unescape((site / "fr" / key).read_text(encoding="utf-8"))
    assert "(with the support of Japan Funds-in-Trust for Africa and LDCs (Japan), Japan Patent Office (JPO) (Japan))" \
        in english
    assert "(avec l'appui de Japan Funds-in-Trust for Africa and LDCs (Japon), Japan Patent Office (JPO) (Japon))" \
        in french
