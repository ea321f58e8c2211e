"""Markdown conversion: skipping the inline patterns a text cannot trigger (portal/markup.py,
TRIGGERS) must give exactly the HTML of running them all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.pages.records import markdown_texts
from portal.markup import INLINE_PASSES, TRIGGERS, MarkdownRenderer, _patterns
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
    texts = markdown_texts(checked.catalog, ["en"])
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
