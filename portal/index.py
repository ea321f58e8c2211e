"""Stage 5, index: the search indexes of the rendered site. Pagefind (the pinned binary from the
pagefind-bin wheel) for readers on a web server; a script-loaded index searched by MiniSearch for
readers who open the site from disk, where browsers block Pagefind's module imports and fetch()."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .escaping import script_json
from .publish import Output, relink_unchanged
from .searchterms import index_terms
from .views import HubView, Page, RecordView

OFFLINE_INDEX = "search/offline-index.js"
OFFLINE_SHARD = "search/offline-index-{}.js"
SHARD_DOCUMENTS = 500
PAGEFIND_DIR = "pagefind"
OFFLINE_TEXT_LIMIT = 300  # characters of page text per page kept for excerpts in the offline index
OFFLINE_INDEX_LIMIT = 1000  # characters of page text per page whose words the offline index holds
# The offline index's fields, in MiniSearch's order (its field ids), and their boosts in search.js.
OFFLINE_FIELDS = ("title", "countries", "facts", "text")
TAG = re.compile(r"<[^>]+>")


class IndexingFailed(Exception):
    """Pagefind could not index the site; the build stops and site/ is left as it was."""


@dataclass(frozen=True)
class IndexFigures:
    pagefind_files: int
    pagefind_bytes: int
    offline_bytes: int
    documents: int


def _facts_text(facts) -> str:
    parts = []
    for fact in facts:
        parts.append(fact.label)
        parts += [item.text for item in fact.items]
        parts += [item.note for item in fact.items if item.note]
    return " ".join(parts)


def page_texts(page: Page) -> tuple[str, str]:
    """The words a reader would search for on a page, as plain text: its own text (summary and body,
    or its description) and its facts (countries, topics, organizations, types, in the page's
    language), which are short and indexed whole."""
    view = page.view
    facts = ""
    if isinstance(view, RecordView):
        text = " ".join((view.summary, TAG.sub(" ", view.body_html)))
        facts = _facts_text(view.facts)
    elif isinstance(view, HubView):
        text, facts = "", _facts_text(view.facts)
    else:
        text = page.description
    return tuple(" ".join(html.unescape(t).split()) for t in (text, facts))


def page_text(page: Page) -> str:
    """The start of a page's text, from which the offline search shows excerpts."""
    text, facts = page_texts(page)
    return (text or facts)[:OFFLINE_TEXT_LIMIT]


def index_fields(page: Page) -> tuple[str, str, str, str]:
    """A searchable page's texts in the offline index, one per OFFLINE_FIELDS."""
    text, facts = page_texts(page)
    return page.title, page.search.countries, facts, text[:OFFLINE_INDEX_LIMIT]


def minisearch_index(fields: list[tuple[str, ...]], language: str) -> dict:
    """The search index of the documents' `fields` (one tuple of OFFLINE_FIELDS' texts per document,
    the document's id being its position) in MiniSearch 7's serialization (what its `toJSON()` gives
    and `loadJSON` reads, serializationVersion 2), with the terms of portal/searchterms.py: the
    browser loads it ready to query instead of indexing every document. As MiniSearch's `add()`
    does: a field's length is its number of distinct terms, the average field lengths are updated
    one document at a time in the same floating-point steps. tests/test_search_terms.py checks it
    against the index MiniSearch builds from the same documents in node."""
    index: dict[str, dict[int, dict[int, int]]] = {}
    lengths = {}
    averages = [0.0] * len(OFFLINE_FIELDS)
    for doc, texts in enumerate(fields):
        row = []
        for field, text in enumerate(texts):
            terms = index_terms(text, language)
            row.append(len(set(terms)))
            averages[field] = (averages[field] * doc + row[-1]) / (doc + 1)
            for term in terms:
                postings = index.setdefault(term, {}).setdefault(field, {})
                postings[doc] = postings.get(doc, 0) + 1
        lengths[str(doc)] = row
    return {
        "documentCount": len(fields), "nextId": len(fields),
        "documentIds": {str(i): i for i in range(len(fields))},
        "fieldIds": {name: i for i, name in enumerate(OFFLINE_FIELDS)},
        "fieldLength": lengths,
        "averageFieldLength": [int(a) if a.is_integer() else a for a in averages],
        "storedFields": {}, "dirtCount": 0,
        "index": [[term, {str(f): {str(d): n for d, n in docs.items()} for f, docs in index[term].items()}]
                  for term in sorted(index)],
        "serializationVersion": 2,
    }


def shard_count(documents: int) -> int:
    """How many files a language's index terms are split into: about one per 500 documents (at
    10,000 records a file is some hundreds of kilobytes), at least 2, at most 64."""
    return max(2, min(64, -(-documents // SHARD_DOCUMENTS)))


def shard_of(term: str, shards: int) -> int:
    """The file a term is in, by its first character (search.js: codePointAt(0) % shards): a query
    loads only its words' files, and a word's prefixes and near spellings that begin with the same
    letter are in the same file."""
    return ord(term[0]) % shards


def offline_index(pages, language: str = "en") -> tuple[dict, list[list]]:
    """The offline index, compact: filter values are stored once and referred to by number; and its
    terms, split into shards.

    {"version": 4, "language": "en", "filters": {"country": ["Kenya", ...], ...},
     "documents": [{"id", "url", "title", "kind", "countries", "year", "date", "text",
                    "filters": {"country": [0, 5], ...}}],
     "miniSearch": MiniSearch's serialization of the documents (minisearch_index) without its
                   "index", "shards": the number of shards}
    and the shards: shard k holds the serialization's "index" entries of the terms whose shard_of
    is k, in order.
    """
    values: dict[str, dict[str, int]] = {}
    documents = []
    fields = []
    for page in pages:
        s = page.search
        if s is None:
            continue
        filters: dict[str, list[int]] = {}
        for name, value in s.filters:
            table = values.setdefault(name, {})
            filters.setdefault(name, []).append(table.setdefault(value, len(table)))
        text, facts = page_texts(page)
        documents.append({
            "id": len(documents), "url": page.path, "title": page.title, "kind": s.kind,
            "countries": s.countries, "year": s.year, "date": s.date, "text": (text or facts)[:OFFLINE_TEXT_LIMIT],
            "filters": filters,
        })
        fields.append(index_fields(page))
    serialized = minisearch_index(fields, language)
    count = shard_count(len(documents))
    shards: list[list] = [[] for _ in range(count)]
    for entry in serialized.pop("index"):
        shards[shard_of(entry[0], count)].append(entry)
    return ({"version": 4, "language": language, "filters": {name: list(table) for name, table in values.items()},
             "documents": documents, "miniSearch": serialized, "shards": count}, shards)


def write_offline_index(pages, output: Output, folder: str) -> int:
    """The index as classic scripts (they load from disk, where fetch() does not): the documents
    and the shards' count in OFFLINE_INDEX, each shard's terms in a file beside it."""
    main, shards = offline_index(pages, folder)
    files = {OFFLINE_INDEX: "// Search index for pages opened from disk; generated by the build.\n"
                            "window.PORTAL_SEARCH_INDEX = " + script_json(main, separators=(",", ":")) + ";\n"}
    for k, entries in enumerate(shards):
        files[OFFLINE_SHARD.format(k)] = (
            "// Search index terms, one shard; generated by the build.\n"
            "(window.PORTAL_SEARCH_SHARDS = window.PORTAL_SEARCH_SHARDS || {})[" + str(k) + "] = "
            + script_json(entries, separators=(",", ":")) + ";\n")
    size = 0
    for name, text in files.items():
        data = text.encode("utf-8")
        output.write(f"{folder}/{name}", data)
        size += len(data)
    return size


def pagefind_executable() -> str:
    """Pagefind's extended build: the same search, plus word segmentation for Chinese and Japanese,
    which write no spaces between words (the standard build would index whole runs of text)."""
    import pagefind_bin_extended

    return str(pagefind_bin_extended.get_executable())


GLOB_SPECIAL = re.compile(r"([?*$:<>()\[\]{},\\])")


def searchable_glob(paths) -> str:
    """A glob (Pagefind's --glob, wax syntax) for the folders that hold searchable pages, each page's
    own folder taken as `*`: "{en/activities/*/index.html,en/countries/*/index.html,...}".

    Pagefind reads and parses every file its glob matches, then drops the pages without
    data-pagefind-body. Lists, facets and the other pages readers do not search were about half of
    the site's bytes at 10,000 records, so Pagefind is shown only the folders that hold searchable
    pages. Every searchable page matches its own pattern; the few other pages in those folders are
    read and dropped."""
    patterns = set()
    for path in paths:
        parts = [GLOB_SPECIAL.sub(r"\\\1", part) for part in path.split("/")]
        if len(parts) >= 3 and parts[-1] == "index.html":
            parts[-2] = "*"
        patterns.add("/".join(parts))
    return "{" + ",".join(sorted(patterns)) + "}"


def run_pagefind(out_dir: Path, glob: str) -> None:
    done = subprocess.run([pagefind_executable(), "--site", str(out_dir), "--output-subdir", PAGEFIND_DIR,
                           "--glob", glob, "--keep-index-url", "--silent"], capture_output=True, text=True)
    if done.returncode != 0:
        raise IndexingFailed(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[:2000]}")


def index_site(editions, output: Output, site_dir: Path, keep: tuple = ()) -> IndexFigures:
    """One offline index per language, in its folder; one Pagefind run over the whole site, which
    keeps one index per page language (<html lang>) and searches the reader's page language.
    Pagefind runs only when a page changed, appeared or disappeared since the last site (it indexes
    the whole site each time); otherwise the last site's index is kept as it was. `keep`: files a
    later step writes (they are not stale)."""
    offline = sum(write_offline_index(e.pages, output, e.language.code) for e in editions)
    stale = output.remove_stale(keep=(PAGEFIND_DIR + "/", *keep))
    bundle = output.root / PAGEFIND_DIR
    if not bundle.is_dir() or any(rel.endswith(".html") for rel in [*output.changed, *stale]):
        shutil.rmtree(bundle, ignore_errors=True)
        searchable = [f"{e.language.code}/{p.path}" for e in editions for p in e.pages if p.search]
        run_pagefind(output.root, searchable_glob(searchable))
        relink_unchanged(output, PAGEFIND_DIR, site_dir)
    output.adopt(PAGEFIND_DIR)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexFigures(len(files), sum(p.stat().st_size for p in files), offline,
                        sum(1 for e in editions for p in e.pages if p.search))
