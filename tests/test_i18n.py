"""The six languages: complete and current catalogs, names and dates from CLDR, record translations
with their fallback, the language folders and their links, and the i18n-status report."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from portal.catalogs import extract, missing, read_catalog
from portal.i18n import UN_LANGUAGES, Language, catalog_path, load_language
from portal.pipeline import build
from portal.project import Project
from samples import ALL
from site_helpers import ROOT, elements, offline_documents

TRANSLATED = [code for code in UN_LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?\w+")
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"<[^>]+>")
# Messages a translation may leave as they are in English: names and codes, and words spelt the
# same in that language. Anything else equal to its English is an untranslated copy.
SAME_AS_ENGLISH = {
    "fr": {"Total", "Contact", "Consultant", "Consultants", "consultant", "Initiative", "Initiatives", "initiative",
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
    """`.venv/bin/python build.py i18n-update` was run after the last change of interface text."""
    code, catalog = po
    wanted = {_key(m) for m in template if m.id}
    have = {_key(m) for m in catalog if m.id}
    assert sorted(wanted - have) == [], f"{code}: run '.venv/bin/python build.py i18n-update' and translate the new messages"
    assert sorted(have - wanted) == [], f"{code}: run '.venv/bin/python build.py i18n-update' to drop vanished messages"
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
    # Announced to search engines by the sitemap, with absolute addresses (tests/test_opendata.py), not
    # by relative links in <head>, which they do not take.
    assert not [a for t, a in elements(page) if t == "link" and a.get("hreflang")]
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


PARTLY_TRANSLATED = ALL["content/activities/patent-workshop.yml"] + """\
translations:
  fr:
    title: Atelier régional sur l'examen des brevets
    description: Des examinateurs de trois offices ont comparé leurs pratiques de recherche.
  es:
    title: Taller regional sobre el examen de patentes
"""


def test_translated_record_text_and_the_fallback_note(make_project):
    # The shipped records are translated into every language; the fallback is shown on a record
    # translated in part: French entirely, Spanish its title only, Russian not at all.
    project = make_project({**ALL, "content/activities/patent-workshop.yml": PARTLY_TRANSLATED})
    assert build(project).ok

    def page(lang, *parts):
        return (project.site_dir / lang).joinpath(*parts).read_text(encoding="utf-8")

    french = page("fr", "activities", "patent-workshop", "index.html")
    assert "<h1>Atelier régional sur l&#39;examen des brevets</h1>" in french
    assert "Des examinateurs de trois offices" in french
    # Entirely translated: the page says it is a translation, and from which language.
    note = re.search(r'<p class="translation-note" role="note">(.*?)</p>', french).group(1)
    assert note == "Texte traduit ; l&#39;original est en anglais."
    # In its own language the record carries no note.
    assert 'class="translation-note"' not in page("en", "activities", "patent-workshop", "index.html")
    # Spanish: the title is translated, the text is not: it keeps its language, and a note says so.
    spanish = page("es", "activities", "patent-workshop", "index.html")
    assert "<h1>Taller regional sobre el examen de patentes</h1>" in spanish
    assert '<div class="prose" lang="en" dir="ltr">' in spanish
    note = re.search(r'<p class="translation-note" role="note">(.*?)</p>', spanish).group(1)
    assert "inglés" in note and "español" in note
    # Russian: nothing translated; the English title carries lang and dir inside the Russian page.
    russian = page("ru", "activities", "patent-workshop", "index.html")
    assert '<h1 lang="en" dir="ltr">Regional workshop on patent examination</h1>' in russian
    # Cards in lists follow the same rule.
    assert re.search(r'<h2 class="card-title"><a [^>]*>Atelier régional', page("fr", "activities", "index.html"))
    assert re.search(r'<h2 class="card-title" lang="en" dir="ltr"><a [^>]*>Regional workshop on patent',
                     page("ru", "activities", "index.html"))


def test_a_record_shown_on_other_pages_is_in_the_page_language_or_marked_as_not(make_project):
    """Wherever a record's own text appears (its card, a link to it, a suggested match, a fact, a feed,
    the calendar, its schema.org data), it is the translation when there is one; when there is not,
    the original carries its language, and only it: a card's summary made of facts is the page's."""
    from samples import MATCH

    consultant = ALL["content/consultants/amina-diallo.yml"] + """\
position: Consultant in collective management
translations:
  fr:
    position: Consultante en gestion collective
"""
    need = ALL["content/needs/gi-registry.yml"] + """\
translations:
  fr:
    title: Appui à la création d'un registre des IG
"""
    case_study = ALL["content/case-studies/coffee-gi.md"].replace("year: 2018\n", """\
year: 2018
translations:
  fr:
    title: Une IG du café dans les hauts plateaux
""")
    # Two more open needs, not matched, that the offer suggests: one translated, one not.
    advice = ALL["content/needs/gi-registry.yml"].replace("Support to set up a GI registry", "Advice on GI examination")
    law = advice.replace("Advice on GI examination", "Drafting a GI law") + """\
translations:
  fr:
    title: Rédaction d'une loi sur les IG
"""
    project = make_project({**ALL, "content/consultants/amina-diallo.yml": consultant,
                            "content/needs/gi-registry.yml": need, "content/case-studies/coffee-gi.md": case_study,
                            "content/matches/gi-match.yml": MATCH, "content/needs/gi-advice.yml": advice,
                            "content/needs/gi-law.yml": law})
    assert build(project).ok

    def page(lang, *parts):
        return (project.site_dir / lang).joinpath(*parts).read_text(encoding="utf-8")

    # A consultant's position is a translated text like any other, on the page and on the card.
    assert "<dd>Consultante en gestion collective</dd>" in page("fr", "consultants", "amina-diallo", "index.html")
    assert '<dd><span lang="en" dir="ltr">Consultant in collective management</span></dd>' in \
        page("ru", "consultants", "amina-diallo", "index.html")
    assert '<p class="card-summary">Consultante en gestion collective</p>' in page("fr", "consultants", "index.html")
    assert '<p class="card-summary" lang="en" dir="ltr">Consultant in collective management</p>' in \
        page("ru", "consultants", "index.html")
    # An untranslated title is marked; the card's summary, made of facts in the page's language, is not.
    activities = page("fr", "activities", "index.html")
    assert '<h2 class="card-title" lang="en" dir="ltr"><a href="../activities/patent-workshop/index.html">' \
           'Regional workshop on patent examination</a>' in activities
    assert re.search(r'<p class="card-summary">Hôte\W+Kenya', activities)
    # A translated title with its summary still in English: each says its own language.
    cases = page("fr", "case-studies", "index.html")
    assert re.search(r'<h2 class="card-title"><a [^>]*>Une IG du café dans les hauts plateaux</a>', cases)
    assert '<p class="card-summary" lang="en" dir="ltr">How a cooperative registered' in cases
    study = page("fr", "case-studies", "coffee-gi", "index.html")
    schema = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', study).group(1))
    assert schema["headline"] == "Une IG du café dans les hauts plateaux"
    # A match names its need and offer by their titles in the page's language, or marks the original.
    match = page("fr", "matches", "gi-match", "index.html")
    assert ">Appui à la création d&#39;un registre des IG</a>" in match
    assert '<a href="../../offers/gi-training/index.html" lang="en" dir="ltr">Training for GI examiners</a>' in match
    # A suggested match is named the same way.
    suggested = page("fr", "offers", "gi-training", "index.html")
    assert '<h3 class="card-title" lang="en" dir="ltr"><a href="../../needs/gi-advice/index.html">' \
           'Advice on GI examination</a></h3>' in suggested
    assert '<h3 class="card-title"><a href="../../needs/gi-law/index.html">Rédaction d&#39;une loi sur les IG</a></h3>' \
        in suggested
    # The feeds say their language, and an entry in another language says its own.
    feed = page("fr", "feeds", "matchmaking.xml")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' in feed
    assert "<title>Appui à la création d&apos;un registre des IG</title>" in feed or \
        "<title>Appui à la création d'un registre des IG</title>" in feed
    assert '<title xml:lang="en">Training for GI examiners</title>' in feed
    # The calendar of open needs names each by its title in the calendar's language.
    calendar = page("fr", "needs", "expiry.ics").replace("\r\n ", "")
    assert "Appui à la création d'un registre des IG" in calendar and "Support to set up a GI registry" not in calendar


def test_every_shipped_record_reads_in_every_language(site):
    for code in UN_LANGUAGES:
        listing = read(site, code, "activities", "index.html")
        assert 'class="card-title" lang=' not in listing, code
    arabic = read(site, "ar", "initiatives", "andean-traditional-knowledge-exchange", "index.html")
    note = re.search(r'<p class="translation-note" role="note">(.*?)</p>', arabic).group(1)
    assert note.startswith("نص مترجم")  # a translation, marked as one; no untranslated text left


def test_each_language_has_its_offline_index_and_pagefind_knows_every_language(site):
    import json

    for bundle in json.loads(read(site, "pagefind", "shards.json"))["bundles"]:
        entry = json.loads(read(site, "pagefind", bundle, "pagefind-entry.json"))
        assert set(entry["languages"]) == set(UN_LANGUAGES), bundle
    for code in UN_LANGUAGES:
        titles = {d["url"]: d["title"] for d in offline_documents(site, code)[1]}
        assert "activities/pct-workshop-nairobi-2009/index.html" in titles
    french = read(site, "fr", "search", "offline-index.js")
    assert "Atelier sous-régional" in french


def test_a_hubs_excerpt_from_disk_reads_as_its_facts_do_each_name_with_its_count(site):
    """A hub's text in the offline index is its facts; the excerpt a reader sees from disk keeps each
    item with its note, as the page shows them ("Kenya (5 activities) Mozambique (5 activities)"),
    not every name and then every count."""
    import html

    fact = re.compile(r'<li><a [^>]*>([^<]+)</a> <span class="note">\(([^<]+)\)</span></li>')
    for code in UN_LANGUAGES:
        texts = {d["url"]: d["text"] for d in offline_documents(site, code)[1]}
        for path in (("topics", "patents"), ("topics", "trademarks")):
            shown = [(html.unescape(a), html.unescape(n)) for a, n in fact.findall(read(site, code, *path, "index.html"))]
            assert len(shown) >= 3, (code, path)
            excerpt = texts["/".join(path) + "/index.html"]
            assert " ".join(f"{name} ({note})" for name, note in shown[:3]) in excerpt, (code, path, excerpt[:300])


def test_an_excerpt_from_disk_is_a_records_text_once_cut_after_a_word(site):
    """A record whose summary is the start of its text (activities, consultants, needs, offers,
    matches) is not excerpted as that summary cut short followed by the text's start again, and an
    excerpt cut at its length ends after a word, marked."""
    from portal.index import OFFLINE_TEXT_LIMIT

    cut = 0
    for code in UN_LANGUAGES:
        documents = {d["url"]: d["text"] for d in offline_documents(site, code)[1]}
        for url, text in documents.items():
            assert len(text) <= OFFLINE_TEXT_LIMIT, (code, url)
            assert len(text) < 120 or text.find(text[:60], 1) == -1, (code, url, text)
        text = documents["activities/pct-workshop-nairobi-2009/index.html"]
        prose = re.search(r'<div class="prose"[^>]*>(.*?)</div>', read(
            site, code, "activities", "pct-workshop-nairobi-2009", "index.html"), re.S).group(1)
        words = " ".join(re.sub(r"<[^>]+>", " ", prose).split())
        if len(words) <= OFFLINE_TEXT_LIMIT:
            assert text == words, (code, text, words)
        else:
            assert text.endswith("\u2026") and words.startswith(text[:-1].rstrip()), (code, text, words[:400])
            assert not words[len(text) - 1].isalnum() or code == "zh", (code, text)  # cut between words
        cut += len(words) > OFFLINE_TEXT_LIMIT
    assert cut >= 3  # the record's text is longer than an excerpt in most languages


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


# --------------------------------------------------------------------------- plural forms


def _plural_rule(catalog):
    """The catalog's own plural rule (its Plural-Forms header), compiled by the standard library."""
    import gettext

    return gettext.c2py(catalog.plural_expr)


def test_plural_messages_have_every_form_of_their_language(po):
    """Arabic has six forms, Russian three, French and Spanish two, Chinese one: each plural message
    fills them all, and the header's rule is gettext's for the language (Babel's table)."""
    from babel.messages.plurals import get_plural

    code, catalog = po
    expected = {"ar": 6, "ru": 3, "fr": 2, "es": 2, "zh": 1}[code]
    assert catalog.num_plurals == expected == get_plural(code).num_plurals
    assert catalog.plural_expr == get_plural(code).plural_expr
    plurals = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert len(plurals) >= 20
    for m in plurals:
        assert len(m.string) == expected and all(form.strip() for form in m.string), m.id


@pytest.mark.parametrize("code", ["ar", "ru", "fr", "zh"])
def test_templates_ngettext_follows_the_languages_plural_rule(code):
    """Jinja's ngettext in the portal's template environment picks the form the catalog's rule gives."""
    from portal.render import environment

    language = load_language(code, ROOT / "data" / "locale")
    env = environment(ROOT / "templates", language)
    catalog = read_catalog(catalog_path(ROOT / "data" / "locale", code), code)
    forms = catalog.get("%(num)s record").string
    rule = _plural_rule(catalog)
    template = env.from_string('{{ ngettext("%(num)s record", "%(num)s records", n) }}')
    for n in (0, 1, 2, 3, 5, 11, 21, 100, 102, 111):
        assert template.render(n=n) == forms[rule(n)].replace("%(num)s", str(n)), n


def _figures(html: str) -> list[tuple[int, str]]:
    import unicodedata

    out = []
    for number, label in re.findall(r'<span class="figure-number">([^<]+)</span> <span class="figure-label">([^<]+)</span>',
                                    html):
        digits = "".join(str(unicodedata.digit(ch)) for ch in number if unicodedata.digit(ch, None) is not None)
        out.append((int(digits), label))
    return out


@pytest.mark.parametrize("code", ["en", "ru", "ar", "fr"])
def test_figures_name_their_count_in_the_plural_form_its_number_takes(site, code):
    """No "1 consultants": under each figure of the home, country, region and topic pages, the label
    is the form that the language's plural rule gives the number."""
    figures = []
    for rel in ["index.html", *(f"{folder}/{p.parent.name}/index.html" for folder in ("countries", "regions", "topics")
                                for p in sorted((site / code / folder).glob("*/index.html")))]:
        figures += _figures(read(site, code, *rel.split("/")))
    assert len(figures) > 300
    if code == "en":
        forms = {}
        for m in extract(Project(ROOT)):
            if isinstance(m.id, tuple):
                forms[m.id[0]], forms[m.id[1]] = 0, 1
        rule = lambda n: int(n != 1)  # noqa: E731 (English: one, other)
    else:
        catalog = read_catalog(catalog_path(ROOT / "data" / "locale", code), code)
        rule = _plural_rule(catalog)
        forms = {}
        for m in catalog:
            if isinstance(m.id, tuple) and "%(" not in m.id[0]:
                for i, form in enumerate(m.string):
                    forms.setdefault(form, set()).add(i)
    wrong = []
    for n, label in figures:
        have = forms.get(label)
        assert have is not None, (code, n, label)  # every label is a plural message
        if rule(n) not in (have if isinstance(have, set) else {have}):
            wrong.append((n, label))
    assert wrong == []
    assert len({rule(n) for n, _label in figures}) >= (2 if code in ("en", "fr") else 3)  # several forms are met


def test_notes_on_a_countrys_classification_are_in_the_readers_language(site):
    """The notes of data/countries.yml (why a status period starts when it does) go through the catalogs."""
    english = "inclusion date approximate to the year; graduation deferred by the General Assembly in December 2023, no date set"
    assert english in read(site, "en", "countries", "ago", "index.html")
    for code in TRANSLATED:
        page = read(site, code, "countries", "ago", "index.html")
        assert "inclusion date approximate" not in page
        catalog = read_catalog(catalog_path(ROOT / "data" / "locale", code), code)
        assert catalog.get(english).string in page


def test_a_footnotes_way_back_is_in_the_readers_language():
    """Markdown is converted once for every language; the title of a footnote's way back is said in
    the language of the page that shows it."""
    from portal.i18n import using
    from portal.markup import MarkdownRenderer

    render = MarkdownRenderer()
    text = "A claim[^1] and another[^2].\n\n[^1]: One source.\n[^2]: Another source."
    titles = lambda html: re.findall(r'class="footnote-backref" href="[^"]*" title="([^"]*)"', html)  # noqa: E731
    assert titles(render(text)) == ["Back to reference 1", "Back to reference 2"]
    with using(load_language("fr", ROOT / "data" / "locale")):
        assert titles(render(text)) == ["Retour à l’appel de note 1", "Retour à l’appel de note 2"]
    with using(load_language("ar", ROOT / "data" / "locale")):
        assert titles(render(text)) == ["العودة إلى الإحالة 1", "العودة إلى الإحالة 2"]
    assert titles(render(text)) == ["Back to reference 1", "Back to reference 2"]  # the cache kept no language


# --------------------------------------------------------------------------- what i18n-status counts


def interface_messages() -> set:
    """Every message the interface can show, as (context, message), collected without the portal's
    extractor: the literal
    arguments of _(), N_() and ngettext() in the Python code (the standard library's parser), the
    gettext calls and trans blocks of the templates (Jinja's own parser), and the texts of the data
    files that the pages show through the catalogs."""
    import ast

    import jinja2
    import yaml

    from portal.kinds import INITIATIVE
    from portal.scaffold import body_sections

    found = set()
    for path in (ROOT / "portal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "ngettext"):
                args = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
                if args and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    if args[0].value.strip():
                        found.add((None, args[0].value))
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    env.policies["ext.i18n.trimmed"] = True
    for path in (ROOT / "templates").rglob("*.html"):
        for _line, function, message in env.extract_translations(path.read_text(encoding="utf-8")):
            message = message if isinstance(message, tuple) else (message,)
            if function in ("pgettext", "npgettext"):  # these name their context first
                context, message = message[0], message[1:]
            else:
                context = None
            if message[0] and message[0].strip():
                found.add((context, message[0]))
    data = set()
    vocabularies = yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"))["vocabularies"]
    data |= {term["label"] for name, vocab in vocabularies.items() if name != "languages"
             for term in vocab["terms"].values()}
    regions = yaml.safe_load((ROOT / "data" / "regions.yml").read_text(encoding="utf-8"))
    data |= {r["name"] for r in regions["regions"].values()} | {r["name"] for r in regions["wipo_regions"].values()}
    countries = yaml.safe_load((ROOT / "data" / "countries.yml").read_text(encoding="utf-8"))["countries"]
    data |= {period["note"] for c in countries.values() for period in c["status"] if period.get("note")}
    data |= {text for section in body_sections(INITIATIVE) for text in section}
    import tomllib

    site = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]
    data |= {site["title"], site["tagline"], site["publisher"]}
    return found | {(None, text) for text in data}


def test_the_catalogs_hold_every_message_collected_independently(template):
    assert {(m.context, _key(m)) for m in template if m.id} == interface_messages()


def _readable(path, code: str) -> bool:
    """Whether a record file reads in this language, judged from the file itself."""
    import yaml

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("\n---", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(text)
    if (data.get("language") or "en") == code:
        return True
    translation = (data.get("translations") or {}).get(code) or {}
    return bool(translation.get("title") or translation.get("biography"))


def test_i18n_status_reports_interface_and_records():
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "i18n-status", "--strict"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = {line.split(":")[0]: line for line in done.stdout.splitlines() if re.match(r"^[a-z]{2}: ", line)}
    assert set(lines) == set(UN_LANGUAGES)
    for code in TRANSLATED:
        match = re.search(r"interface (\d+)/(\d+) messages translated; records (\d+)/(\d+)", lines[code])
        assert match and match.group(1) == match.group(2), lines[code]
        assert match.group(3) == match.group(4), lines[code]  # every shipped record is translated
    assert "records 122/122" in lines["en"] or re.search(r"records (\d+)/\1 ", lines["en"])
    # Every message the interface can show is counted, and every kind's records still untranslated.
    messages = len(interface_messages())
    per_kind = re.findall(r"^(\w\w): .*\n    records not in this language: (.*)$", done.stdout, re.M)
    assert [code for code, _counts in per_kind] == [line.split(":")[0] for line in lines.values()]
    for code, counts in per_kind:
        assert f"interface {messages}/{messages} messages translated" in lines[code]
        reported = {name: (int(a), int(b)) for name, a, b in re.findall(r"([\w-]+) (\d+)/(\d+)", counts)}
        expected = {}
        for folder in sorted((ROOT / "content").iterdir()):
            files = [p for p in folder.iterdir() if p.suffix in (".yml", ".md")]
            if files:
                expected[folder.name] = (sum(1 for p in files if not _readable(p, code)), len(files))
        assert reported == expected, code
