"""One query, the same terms: the offline index's words are made into terms at build time in Python
(portal/searchterms.py) and the reader's query in the browser (templates/static/search-terms.js over
the vendored Snowball port). Both are run on every word of every language's index, and the index the
build serializes is the one MiniSearch itself builds from the same pages (run in node), split into shards whose union is that index."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from portal.index import OFFLINE_FIELDS, index_fields, minisearch_index, offline_index, term_shard
from portal.searchterms import arabic_light_stem, index_terms, words
from site_helpers import ROOT

STATIC = ROOT / "templates" / "static"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def test_vendored_snowball_stemmers_are_the_pinned_release():
    vendored = STATIC / "vendor" / "snowball-stemmers.js"
    pinned = ROOT / "node_modules" / "snowball-stemmers" / "snowball-stemmers.js"
    assert pinned.exists(), "run scripts/setup-test-tools.sh (make test does)"
    assert vendored.read_bytes() == pinned.read_bytes()
    assert json.loads((ROOT / "package.json").read_text())["devDependencies"]["snowball-stemmers"] == "0.6.0"
    assert (STATIC / "vendor" / "snowball-stemmers.LICENSE.txt").is_file()


@pytest.mark.parametrize("word", ["براءات", "براءة", "البراءات", "والبراءات", "بالبراءات", "للبراءات", "البراءة"])
def test_arabic_forms_of_patents_are_one_term(word):
    assert index_terms(word, "ar") == ["براء"]


def test_arabic_light_stemming_keeps_short_words_and_normalizes_alef():
    assert arabic_light_stem("مصر") == "مصر"  # nothing taken from a three-letter word
    assert arabic_light_stem("الإمارات") == arabic_light_stem("الامارات") == "امار"
    assert index_terms("العلامات التجارية", "ar") == index_terms("علامة تجارية", "ar")


def test_terms_per_language():
    assert index_terms("Patents, patented", "en") == ["patent", "patent"]
    assert index_terms("brevets Brevet", "fr") == ["brevet", "brevet"]
    assert index_terms("marcas marca", "es") == ["marc", "marc"]
    assert index_terms("патенты патентов", "ru") == ["патент", "патент"]
    assert index_terms("专利局", "zh") == ["专", "专利", "利", "利局", "局"]
    assert index_terms("Patents", "ar") == index_terms("patents", "zh") == ["patent"]  # untranslated English
    assert words("مُلْكِيَّة") == ["ملكية"]  # vowel marks do not cut a word in two


@pytest.fixture(scope="module")
def editions():
    from portal.i18n import load_language
    from portal.pages import Site, derive
    from portal.pipeline import check
    from portal.project import Project

    checked = check(Project(ROOT))
    languages = [load_language(code, ROOT / "data" / "locale") for code in checked.config.languages]
    site = Site(checked.catalog, checked.config, checked.today, languages)
    return {e.language.code: e for e in derive(site, languages).editions}


@pytest.mark.parametrize("language", LANGUAGES)
def test_browser_and_build_make_the_same_terms_and_the_same_index(editions, language):
    """Every word of the language's index: the same terms in node as in Python. Then the index
    MiniSearch builds from the pages' texts with the browser's terms equals the build's serialized
    index as MiniSearch loads it, and answers the same."""
    node = shutil.which("node")
    assert node, "node is needed for this test (scripts/setup-test-tools.sh)"
    fields = [index_fields(p) for p in editions[language].pages if p.search]
    vocabulary = sorted({w for texts in fields for text in texts for w in words(text)})
    assert len(vocabulary) > 1000, len(vocabulary)
    main, shards, groups = offline_index(editions[language].pages, language)
    assert main["shards"] == len(shards) >= 2
    for k, entries in enumerate(shards):  # each term in its shard, in order
        assert entries and all(term_shard(term, len(shards)) == k for term, _ in entries)
    assert len(main["documents"]) == len(main["lengths"]) == len(fields) == sum(len(g) for g in groups)
    assert all(len(g) == main["texts"] for g in groups[:-1]) and 0 < len(groups[-1]) <= main["texts"]
    serialized = minisearch_index(fields, language)  # the whole index, as the build makes it
    documents = [dict(zip(OFFLINE_FIELDS, texts), id=i) for i, texts in enumerate(fields)]
    # what the browser loads: the shared part, and every shard's terms as one
    shipped = {"miniSearch": main["miniSearch"], "lengths": main["lengths"],
               "entries": sorted((e for entries in shards for e in entries), key=lambda e: e[0])}
    stdin = json.dumps({"language": language, "words": vocabulary, "documents": documents,
                        "shipped": shipped}, ensure_ascii=False)
    done = subprocess.run([node, str(ROOT / "tests" / "js" / "offline_index.js")], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    answer = json.loads(done.stdout)
    differ = [(w, index_terms(w, language), js) for w, js in zip(vocabulary, answer["words"])
              if index_terms(w, language) != js]
    assert differ == []
    assert answer["built"] == answer["loaded"]
    assert answer["loaded"] == serialized
    assert all(answer["query"]), "every word of the index finds a record"
