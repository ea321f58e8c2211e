"""The offline index's terms kept from build to build (portal/index.py, TermCounts): the cache can only
skip work. The same pages give the same index bytes without it, with it cold, with it warm, after an
edit, and with a cache made under another recipe, for another language or damaged; a warm cache
counts again only the texts it has not seen."""

from __future__ import annotations

import dataclasses
import json

import pytest

from portal import index
from portal.index import TermCounts, write_offline_index
from portal.searchterms import RECIPE
from portal.publish import Output
from site_helpers import ROOT

LANGUAGES = ("fr", "zh")  # stemmed by Snowball; Chinese split into characters and pairs


@pytest.fixture(scope="module")
def editions():
    from portal.i18n import load_language
    from portal.pages import Site, derive
    from portal.pipeline import check
    from portal.project import Project

    checked = check(Project(ROOT))
    languages = [load_language(code, ROOT / "data" / "locale") for code in LANGUAGES]
    site = Site(checked.catalog, checked.config, checked.today, languages)
    return {e.language.code: e for e in derive(site, languages).editions}


def written(pages, language, root, cache_dir=None) -> dict[str, bytes]:
    """The offline index's files, by name, as write_offline_index writes them under `root`."""
    write_offline_index(pages, Output(root), language, cache_dir)
    folder = root / language / "search"
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert files, "no offline index written"
    return files


def counted_by(monkeypatch) -> list[TermCounts]:
    """Every TermCounts the build makes from now on, to see how many texts each counted."""
    made = []
    original = TermCounts.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(TermCounts, "__init__", init)
    return made


def lines(path) -> tuple[dict, list]:
    """A kept table (portal/kept.py): its head, and its entries in order, each (key, value)."""
    head, *entries = path.read_text(encoding="utf-8").splitlines()
    return json.loads(head), [(key, json.loads(value)) for key, value in (line.split("\t") for line in entries)]


def table(head: dict, entries: dict) -> str:
    return json.dumps(head) + "\n" + "".join(f"{key}\t{json.dumps(value)}\n" for key, value in entries.items())


def texts_of(pages) -> int:
    """The distinct texts of an index's searchable pages (each counted once)."""
    return len({text for p in pages if p.search for text in index.index_fields(p)})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cache_gives_the_index_made_without_it(editions, language, tmp_path, monkeypatch):
    pages = editions[language].pages
    made = counted_by(monkeypatch)
    cache = tmp_path / "terms"
    without = written(pages, language, tmp_path / "none")
    cold = written(pages, language, tmp_path / "cold", cache)
    warm = written(pages, language, tmp_path / "warm", cache)
    assert without == cold == warm
    distinct = texts_of(pages)
    assert distinct > 500
    assert [m.counted for m in made] == [distinct, distinct, 0]  # warm: every text's terms read back
    head, entries = lines(cache / f"{language}.kept")
    assert head == {"recipe": f"{RECIPE} {language}"} and len(entries) == distinct


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_an_edit_only_the_changed_texts_are_counted_and_the_index_is_the_fresh_one(
        editions, language, tmp_path, monkeypatch):
    pages = list(editions[language].pages)
    cache = tmp_path / "terms"
    written(pages, language, tmp_path / "before", cache)
    at = next(i for i, p in enumerate(pages) if p.search and p.view is not None and hasattr(p.view, "body_html"))
    edited = dataclasses.replace(pages[at], title=pages[at].title + " Ubuntu patentes 知识产权")
    pages[at] = edited
    made = counted_by(monkeypatch)
    assert written(pages, language, tmp_path / "cached", cache) == written(pages, language, tmp_path / "fresh")
    assert made[0].counted == 1  # the new title; every other text read back
    head, entries = lines(cache / f"{language}.kept")  # the new title's terms, appended
    assert len(entries) == texts_of(editions[language].pages) + 1
    assert entries[-1][0] not in dict(entries[:-1])


def test_a_cache_of_another_recipe_or_language_or_a_damaged_one_is_not_read(editions, tmp_path, monkeypatch):
    pages = editions["fr"].pages
    cache = tmp_path / "terms"
    fresh = written(pages, "fr", tmp_path / "fresh")
    written(pages, "fr", tmp_path / "first", cache)
    path = cache / "fr.kept"
    head, kept = lines(path)
    kept = dict(kept)
    # The same keys with wrong terms: read, they would change the index.
    wrong = {key: {"wrong": 1} for key in kept}
    cases = {
        "another recipe": table({"recipe": "0" * 64 + " fr"}, wrong),
        "another language": table({"recipe": f"{RECIPE} es"}, wrong),
        "not JSON": "{\"recipe\": ",
        "not an object": "[1, 2]",
        "entries that are not counts": table(head, {key: ["x"] for key in kept}),
    }
    distinct = texts_of(pages)
    for name, text in cases.items():
        path.write_text(text, encoding="utf-8")
        made = counted_by(monkeypatch)
        assert written(pages, "fr", tmp_path / name.replace(" ", "-"), cache) == fresh, name
        assert made[-1].counted == distinct, name
        monkeypatch.undo()
    # And the same wrong terms under this recipe and language are read: the test above can fail.
    path.write_text(table(head, wrong), encoding="utf-8")
    assert written(pages, "fr", tmp_path / "poisoned", cache) != fresh


def test_a_build_keeps_each_languages_terms_and_a_build_without_its_cache_none(tmp_path):
    from conftest import write_project
    from portal.config import load_config
    from portal.pipeline import build
    from samples import ALL

    project = write_project(tmp_path / "p", ALL)
    assert build(project, use_cache=False).ok
    assert not (project.cache_dir / index.TERMS_CACHE).exists()
    assert build(project).ok
    languages = load_config(project.config_file, project.root)[0].languages
    assert len(languages) > 1
    kept = sorted(p.name for p in (project.cache_dir / index.TERMS_CACHE).iterdir())
    assert kept == sorted(f"{code}.kept" for code in languages)
