"""The six languages: complete and current catalogs, names and dates from CLDR, record translations
with their fallback, the language folders and their links, and the i18n-status report."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from portal.catalogs import extract, missing, read_catalog
from portal.i18n import UN_LANGUAGES, Language, catalog_path, load_language
from portal.pipeline import build
from portal.project import Project
from samples import ALL
from site_helpers import ROOT, elements

TRANSLATED = [code for code in UN_LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?\w+")
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"<[^>]+>")
# Messages a translation may leave as they are in English: names and codes, and words spelt the
# same in that language. Anything else equal to its English is an untranslated copy.
SAME_AS_ENGLISH = {
    "fr": {"Total", "Contact", "Consultant", "Consultants", "consultants", "Initiative", "Initiatives", "initiatives",
           "%(num)s consultant", "%(num)s initiative", "Type", "Sources", "Dates", "%(num)s participant",
           "Participants", "Codes", "Format", "Pages", "Europe", "South-South IP Cooperation Network", "Phase", "National",
           "Publication"},
    "es": {"Total", "Triangular", "Multilateral", "%(kb)s KB", "%(num)s byte", "Asia", "Melanesia", "Micronesia"},
    "ar": {"YYYY-MM-DD"},
    "zh": {"%(kb)s KB", "YYYY-MM-DD", "South-South IP Cooperation Network"},
    "ru": {"South-South IP Cooperation Network"},
}


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


@pytest.fixture(scope="module")
def template():
    return extract(Project(ROOT))


@pytest.fixture(scope="module", params=TRANSLATED)
def po(request):
    return request.param, read_catalog(catalog_path(ROOT / "data" / "locale", request.param), request.param)


def test_catalogs_are_up_to_date_with_the_code_and_templates(template, po):
    """`python build.py i18n-update` was run after the last change of interface text."""
    code, catalog = po
    wanted = {_key(m) for m in template if m.id}
    have = {_key(m) for m in catalog if m.id}
    assert sorted(wanted - have) == [], f"{code}: run 'python build.py i18n-update' and translate the new messages"
    assert sorted(have - wanted) == [], f"{code}: run 'python build.py i18n-update' to drop vanished messages"
    assert not catalog.obsolete


def test_every_message_is_translated_with_its_placeholders_and_markup(po):
    code, catalog = po
    assert [_key(m) for m in missing(catalog)] == [], f"{code}: empty or fuzzy translations"
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            need = set(PLACEHOLDER.findall(ids[-1])) - ({"num"} if len(ids) > 1 else set())
            have = set(PLACEHOLDER.findall(s))
            if not need <= have or not have <= set(PLACEHOLDER.findall(" ".join(ids))):
                wrong.append(("placeholders", ids[0], s))
            if sorted(TAG.findall(ids[0])) != sorted(TAG.findall(s)):
                wrong.append(("markup", ids[0], s))
    assert wrong == []


def test_no_message_is_a_copy_of_the_english(po):
    code, catalog = po
    copies = []
    for m in catalog:
        if not m.id:
            continue
        first = m.string[0] if isinstance(m.string, tuple) else m.string
        english = _key(m)
        text = MARKUP.sub(" ", PLACEHOLDER.sub(" ", english))
        words = [w for w in WORD.findall(text) if not w.isupper()]  # codes and acronyms: JSON, CSV, KB
        if first == english and words and english not in SAME_AS_ENGLISH[code]:
            copies.append(english)
    assert copies == []


def test_language_names_come_from_cldr_which_could_name_every_country(reference):
    """Country names are the UN's (tests/test_country_names.py); CLDR is their fallback."""
    languages = reference.vocabulary("languages")
    for code in TRANSLATED:
        language = Language(code)  # without the UN names: CLDR's
        assert [c.iso3 for c in reference.countries.values() if c.iso2 not in language.locale.territories] == []
        assert language.country("CI", "Côte d'Ivoire") != "Côte d'Ivoire" or code == "fr"
        # CLDR lacks a few rare ISO 639-1 languages; those keep their English name.
        absent = [c for c in languages.terms if c not in language.locale.languages]
        assert len(absent) <= 12, (code, absent)


def test_dates_and_numbers_follow_the_locale():
    import datetime as dt

    day, end = dt.date(2009, 5, 12), dt.date(2009, 5, 14)
    assert Language("en").date_range(day, end) == "12–14 May 2009"
    assert Language("fr").date_range(day, end) == "12–14 mai 2009"
    assert Language("zh").date_range(day, end) == "2009年5月12日至14日"
    assert "مايو" in Language("ar").date(day)
    assert Language("ru").number(12345) == "12\xa0345"
    assert Language("ar").dir == "rtl" and Language("zh").dir == "ltr"


def test_compiled_catalog_translates(tmp_path):
    language = load_language("fr", ROOT / "data" / "locale")
    assert language.gettext("Search") == "Rechercher"
    assert "%(num)s" in language.ngettext("%(num)s record", "%(num)s records", 3)


# --------------------------------------------------------------------------- the built site


def read(site, *parts) -> str:
    return site.joinpath(*parts).read_text(encoding="utf-8")


def test_each_language_has_the_same_pages(site):
    pages = {code: sorted(p.relative_to(site / code).as_posix() for p in (site / code).rglob("*.html"))
             for code in UN_LANGUAGES}
    assert all(pages[code] == pages["en"] for code in UN_LANGUAGES)


def test_root_page_offers_every_language_and_alternates_are_announced(site):
    root = read(site, "index.html")
    links = [a for t, a in elements(root) if t == "a" and a.get("data-lang")]
    assert [(a["data-lang"], a["href"]) for a in links] == [(c, f"{c}/index.html") for c in
                                                          ("en", "fr", "es", "ar", "zh", "ru")]
    page = read(site, "fr", "activities", "pct-workshop-nairobi-2009", "index.html")
    alternates = {a["hreflang"]: a["href"] for t, a in elements(page) if t == "link" and a.get("rel") == "alternate"
                  and a.get("hreflang")}
    assert alternates["ar"] == "../../../ar/activities/pct-workshop-nairobi-2009/index.html"
    assert alternates["x-default"] == "../../../index.html" and len(alternates) == 7
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', page, re.S).group(0)
    assert 'href="../../../en/activities/pct-workshop-nairobi-2009/index.html" lang="en"' in switcher
    assert '<a href="../../../fr/activities/pct-workshop-nairobi-2009/index.html" lang="fr" hreflang="fr" ' \
           'aria-current="true">Français</a>' in switcher


def test_interface_labels_values_and_dates_are_translated(site):
    page = read(site, "fr", "activities", "pct-workshop-nairobi-2009", "index.html")
    assert '<html lang="fr" dir="ltr">' in page
    assert "Pays hôtes ou prestataires" in page or "Pays hôte" in page  # a label
    assert ">Brevets</a>" in page  # a topic value
    assert ">Kenya</a>" in page and "Ouganda" in page  # country names (CLDR)
    assert "12–14 mai 2009" in page
    arabic = read(site, "ar", "activities", "pct-workshop-nairobi-2009", "index.html")
    assert '<html lang="ar" dir="rtl">' in arabic and "كينيا" in arabic and "مايو" in arabic
    chinese = read(site, "zh", "countries", "ken", "index.html")
    assert "肯尼亚" in chinese and "专利" in read(site, "zh", "topics", "index.html")


def test_translated_record_text_and_the_fallback_note(site):
    french = read(site, "fr", "activities", "pct-workshop-nairobi-2009", "index.html")
    assert "<h1>Atelier sous-régional sur le Traité de coopération" in french
    assert "Des fonctionnaires des offices de brevets" in french
    assert 'class="translation-note"' not in french
    # Spanish: the title is translated, the text is not: it keeps its language, and a note says so.
    spanish = read(site, "es", "activities", "pct-workshop-nairobi-2009", "index.html")
    assert "<h1>Taller subregional sobre el Tratado" in spanish
    assert '<div class="prose" lang="en" dir="ltr">' in spanish
    note = re.search(r'<p class="translation-note" role="note">(.*?)</p>', spanish).group(1)
    assert "inglés" in note and "español" in note
    # Russian: nothing translated; the English title carries lang and dir inside the Russian page.
    russian = read(site, "ru", "activities", "pct-workshop-nairobi-2009", "index.html")
    assert '<h1 lang="en" dir="ltr">Sub-regional workshop on the Patent Cooperation Treaty' in russian
    # Cards in lists follow the same rule.
    listing = read(site, "ar", "initiatives", "index.html")
    assert "شراكة شبكات مراكز دعم التكنولوجيا والابتكار" in listing
    assert re.search(r'<h2 class="card-title" lang="en" dir="ltr"><a [^>]*>Andean exchange', listing)


def test_each_language_has_its_offline_index_and_pagefind_knows_every_language(site):
    import json

    entry = json.loads(read(site, "pagefind", "pagefind-entry.json"))
    assert set(entry["languages"]) == set(UN_LANGUAGES)
    for code in UN_LANGUAGES:
        offline = read(site, code, "search", "offline-index.js")
        data = json.loads(offline.split("window.PORTAL_SEARCH_INDEX = ", 1)[1].rstrip().rstrip(";"))
        titles = {d["url"]: d["title"] for d in data["documents"]}
        assert "activities/pct-workshop-nairobi-2009/index.html" in titles
    french = read(site, "fr", "search", "offline-index.js")
    assert "Atelier sous-régional" in french


def test_a_language_without_a_catalog_is_a_clear_error(make_project):
    project = make_project({**ALL, "site.toml": '[site]\nlanguages = ["en", "pt"]\n'})
    result = build(project)
    assert not result.ok
    headlines = [p.headline() for p in result.report.sorted()]
    assert any("language 'pt' has no translation catalog (data/locale/pt/LC_MESSAGES/messages.po)" in h
               for h in headlines), headlines


def test_one_language_site_builds_too(make_project):
    project = make_project({**ALL, "site.toml": '[site]\nlanguages = ["fr"]\n'})
    result = build(project)
    assert result.ok
    assert (project.site_dir / "fr" / "index.html").is_file() and not (project.site_dir / "en").exists()
    assert "Rechercher" in (project.site_dir / "fr" / "index.html").read_text(encoding="utf-8")


def test_i18n_status_reports_interface_and_records():
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "i18n-status", "--strict"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = {line.split(":")[0]: line for line in done.stdout.splitlines() if re.match(r"^[a-z]{2}: ", line)}
    assert set(lines) == set(UN_LANGUAGES)
    for code in TRANSLATED:
        match = re.search(r"interface (\d+)/(\d+) messages translated; records (\d+)/(\d+)", lines[code])
        assert match and match.group(1) == match.group(2), lines[code]
        assert int(match.group(3)) < int(match.group(4))  # most records are not translated yet
    assert "records 122/122" in lines["en"] or re.search(r"records (\d+)/\1 ", lines["en"])
