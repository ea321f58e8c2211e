"""Markdown conversion: skipping the inline patterns a text cannot trigger (portal/markup.py,
TRIGGERS) must give exactly the HTML of running them all; the disk cache never serves HTML made
under other settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import markup
from portal.pages.records import markdown_texts as shipped_texts
from portal.markup import INLINE_PASSES, TRIGGERS, MarkdownCache, MarkdownRenderer, _patterns
from portal.pipeline import check
from portal.project import Project

ROOT = Path(__file__).resolve().parent.parent

# Pieces of Markdown that start, end or sit next to every inline pattern, and the block syntax
# around them (lists, quotes, headings, tables, footnotes, hard breaks, tabs, Windows line ends).
PIECES = [
    "word", "office's", "the", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "  \n", "\r\n", "\r",
    "'", '"', "'", '"', "`", "``", "*", "**", "_", "__", "[", "]", "(", ")", "!", "![", "[^1]", "[^1]: A note.\n",
    "[a]: https://example.org\n", "<", ">", "<<", ">>", "&", "&amp;", "&#39;", ";", "\\", "\\'", "\\*",
    "-", "--", "---", ".", "...", "....", "'90s", "#", "## ", "> ", "- ", "1. ", "|", "| a | b |\n|---|---|\n",
    "https://example.org", "<https://example.org>", "<a@b.org>", "<b>", "</b>", "<!-- c -->", "@", ":", "^",
]


@st.composite
def markdown_texts(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=60)))


PRUNED, FULL = MarkdownRenderer(), MarkdownRenderer(prune=False)


@settings(max_examples=600, deadline=None)
@given(markdown_texts())
def test_skipping_patterns_a_text_cannot_trigger_changes_nothing(text):
    assert PRUNED._convert(text, "") == FULL._convert(text, "")


def test_the_shipped_texts_convert_the_same_either_way():
    checked = check(Project(ROOT))
    texts = shipped_texts(checked.catalog, ["en"])
    assert len(texts) > 50
    for text, id_prefix in texts:
        assert PRUNED._convert(text, id_prefix) == FULL._convert(text, id_prefix)


def test_every_pattern_named_in_the_triggers_exists():
    """A pattern renamed by a new Python-Markdown would otherwise run always (safe, but slow)."""
    names = {name for tp in INLINE_PASSES for name, _p, _x in _patterns(FULL._md.treeprocessors[tp].inlinePatterns)}
    assert set(TRIGGERS) <= names, set(TRIGGERS) - names
    # and pruning happens: a plain text gets no pattern at all from either pass
    PRUNED._prune("Plain words, nothing else.\n")
    assert [len(PRUNED._md.treeprocessors[tp].inlinePatterns) for tp in INLINE_PASSES] == [0, 0]


def _cached_renderer(path: Path) -> MarkdownRenderer:
    return MarkdownRenderer(MarkdownCache(path))


def test_a_cached_entry_is_reused_only_under_the_same_sanitizer(tmp_path, monkeypatch):
    """The disk cache's key names everything that shapes the HTML: an entry made before one of the
    sanitizer's options changed is not served after (it would be stale HTML)."""
    text, db = "Read [the report](https://example.org/report) <!-- note -->.\n", tmp_path / "markdown.sqlite3"
    first = _cached_renderer(db)
    html = first(text)
    first.cache.close()
    # An entry marked, to tell a reused entry from a new conversion.
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE html SET html = 'from the cache'").rowcount == 1
    same = _cached_renderer(db)
    assert same(text) == "from the cache"
    same.cache.close()
    monkeypatch.setattr(markup, "STRIP_COMMENTS", False)
    changed = _cached_renderer(db)
    assert changed.recipe != first.recipe
    assert "<!-- note -->" not in html and changed(text) == html.replace("</a> .", "</a> <!-- note -->.")
    changed.cache.close()


@pytest.mark.parametrize("name, value", [
    ("ALLOWED_TAGS", markup.ALLOWED_TAGS - {"abbr"}),
    ("ALLOWED_ATTRIBUTES", {**markup.ALLOWED_ATTRIBUTES, "abbr": set()}),
    ("URL_SCHEMES", markup.URL_SCHEMES | {"ftp"}),
    ("LINK_REL", "noopener"),
    ("STRIP_COMMENTS", False),
    ("EXTENSION_CONFIGS", {**markup.EXTENSION_CONFIGS, "toc": {"permalink": True}}),
    ("EXTENSIONS", markup.EXTENSIONS[1:]),
    ("SOURCE_DIGEST", "0" * 64),  # the module's code: the heading shift, the ids' prefixes
])
def test_every_setting_is_in_the_cache_key(monkeypatch, name, value):
    before = MarkdownRenderer().recipe
    assert MarkdownRenderer().recipe == before  # the same settings, the same key, in every process
    monkeypatch.setattr(markup, name, value)
    assert MarkdownRenderer().recipe != before


def test_the_cache_key_does_not_depend_on_the_order_of_sets():
    options = markup.sanitizer_options()
    reordered = {k: (set(sorted(v, reverse=True)) if isinstance(v, set) else v) for k, v in reversed(options.items())}
    assert (markup.recipe(markup.EXTENSIONS, markup.EXTENSION_CONFIGS, options)
            == markup.recipe(markup.EXTENSIONS, markup.EXTENSION_CONFIGS, reordered))
