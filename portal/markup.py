"""Contributed Markdown to safe HTML: Python-Markdown for the syntax, then nh3 (an allowlist
sanitizer) on the result, because Markdown passes raw HTML, event handlers and script links through."""

from __future__ import annotations

import hashlib
import html as html_text
import os
import re
import sqlite3
import sys
from pathlib import Path

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import Registry

from . import forking

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _ShiftHeadings(Treeprocessor):
    """Record pages have the record title as their only h1: the body's top headings become h2,
    whether the contributor wrote '#' or '##', and the levels below follow without gaps."""

    def run(self, root):
        found = [el for el in root.iter() if el.tag in HEADINGS]
        if not found:
            return
        shift = 2 - min(int(el.tag[1]) for el in found)
        for el in found:
            el.tag = f"h{min(6, int(el.tag[1]) + shift)}"


class ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 30)


EXTENSIONS = ["tables", "footnotes", "sane_lists", "toc", "smarty", ShiftHeadingsExtension()]
EXTENSION_CONFIGS = {
    "toc": {"permalink": False},
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
}

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "div",
    "abbr", "del", "ins",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"}, "sup": {"id"}, "abbr": {"title"},
    "th": {"align"}, "td": {"align"}, "ol": {"start"},
}
# Classes only as the footnotes extension writes them: a contributor's class could take the site's
# styles ('visually-hidden', the skip link's) for a text of their own.
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
# Every id of a body (the headings', the footnotes', a contributor's) starts with this, and links to
# them with it: none can be a second id="main" or take another id of the page.
ID_PREFIX = "md-"
# Links to other sites, '//host' ones included, are the contributor's: search engines are told so,
# and the page opened gets no handle on this one.
EXTERNAL_REL = "ugc nofollow noopener"
URL_SCHEMES = {"http", "https", "mailto"}
_ID = re.compile(r'\bid="([^"]*)"')
_FRAGMENT = re.compile(r'\bhref="#([^"]*)"')
# Markdown converts in time quadratic to some inputs ('[' * n); fields are bounded by the schema.


# Everything that decides the HTML of a text besides the text itself: a cache entry made under other
# settings or library versions is never reused.
RECIPE = repr((markdown.__version__, getattr(nh3, "__version__", ""), EXTENSIONS[:-1], EXTENSION_CONFIGS,
               sorted(ALLOWED_TAGS), sorted((k, sorted(v)) for k, v in ALLOWED_ATTRIBUTES.items()),
               sorted(URL_SCHEMES), "shift-headings-1"))


class MarkdownCache:
    """Converted Markdown on disk, keyed by a hash of the text and the RECIPE. Markdown is the most
    expensive step of a build; the cache can only skip that work, never change its result (a test
    builds with and without it and compares the trees)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # A damaged database (a build killed mid-write, a disk error, anything not SQLite) is deleted
        # with a warning and made again: it can only ever have saved work.
        for attempt in (1, 2):
            self.db = sqlite3.connect(path)
            try:
                self.db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
                self.db.execute("SELECT key, html FROM html LIMIT 1").fetchall()
                break
            except sqlite3.DatabaseError as exc:
                self.db.close()
                if attempt == 2:
                    raise
                print(f"warning: {path.parent.name}/{path.name} is damaged ({exc}); it is removed and converted "
                      "Markdown is cached again", file=sys.stderr, flush=True)
                for damaged in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
                                path.with_name(path.name + "-shm")):
                    damaged.unlink(missing_ok=True)
        self.pending: list[tuple[str, str]] = []

    @staticmethod
    def key(text: str, id_prefix: str) -> str:
        return hashlib.sha256(f"{RECIPE}\0{id_prefix}\0{text}".encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT html FROM html WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, html: str) -> None:
        self.pending.append((key, html))

    def close(self) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO html VALUES (?, ?)", self.pending)
        self.db.close()


# Inline patterns and the substrings without which each cannot match (any one suffices), by their
# names in Python-Markdown's registries ("inline", and smarty's own). Python-Markdown tries every
# inline pattern on every run of text, and most texts hold no backtick, bracket, angle bracket,
# ampersand, asterisk or quotation mark: skipping the patterns a text cannot trigger about halves
# its conversion time and cannot change its HTML, because the runs of text the patterns see are
# pieces of the source (tabs expanded, line ends normalized) with placeholders between them, never
# pieces joined across one. A pattern not named here always runs. tests/test_markup.py converts
# generated texts both ways and compares.
TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",), "linebreak": ("  \n",),
    "em_strong": ("*", "_"),
    "smarty-em-dashes": ("--",), "smarty-en-dashes": ("--",), "smarty-ellipses": ("...",),
    **{f"smarty-quotes-{i}": ("'",) for i in (0, 6, 7, 8, 9, 10)},
    **{f"smarty-quotes-{i}": ('"',) for i in (1, 11, 12, 13, 14)},
    "smarty-quotes-2": ("\"'",), "smarty-quotes-3": ("'\"",), "smarty-quotes-4": ("'\"",), "smarty-quotes-5": ("\"'",),
}
INLINE_PASSES = ("inline", "smarty")  # the tree processors that run inline patterns


def _patterns(registry: Registry) -> list[tuple]:
    """A registry's (name, priority, pattern), in the order they run. (Registry lists names with
    priorities only in its private `_priority`, which it sorts in place on first use: sorted first.)"""
    order = list(registry)  # sorts the registry
    return [(p.name, p.priority, pattern) for p, pattern in zip(list(registry._priority), order)]


class MarkdownRenderer:
    """One reusable converter (Python-Markdown instances are stateful and must be reset)."""

    MEMO_LIMIT = 60_000  # bodies kept in memory: each language's pages show the same ones
    PARALLEL_MIN = 300  # texts to convert below which a pool of processes is not worth starting

    def __init__(self, cache: MarkdownCache | None = None, prune: bool = True):
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self.cache = cache
        self._memo: dict = {}
        # Each pass's patterns as (name, priority, pattern), in the order they run; the pruned
        # registries made from them, by the names they keep.
        self._passes = {name: _patterns(self._md.treeprocessors[name].inlinePatterns)
                        for name in INLINE_PASSES} if prune else {}
        self._pruned: dict = {}

    def __call__(self, text: str, id_prefix: str = "") -> str:
        key = MarkdownCache.key(text, id_prefix)
        html = self._memo.get(key)
        if html is not None:
            return html
        html = self.cache.get(key) if self.cache is not None else None
        if html is None:
            html = self._convert(text, id_prefix)
            if self.cache is not None:
                self.cache.put(key, html)
        self._remember(key, html)
        return html

    def convert_all(self, items, workers: int | None = None) -> int:
        """Convert many (text, id_prefix) pairs ahead of use, spread over forked processes (one per
        core): the conversions that neither the memory nor the disk cache already hold. Returns how
        many were converted. Later calls find the results in memory; nothing else changes."""
        global _PENDING
        todo, seen = [], set()
        for text, id_prefix in items:
            key = MarkdownCache.key(text, id_prefix)
            if key in seen or key in self._memo:
                continue
            seen.add(key)
            html = self.cache.get(key) if self.cache is not None else None
            if html is not None:
                self._remember(key, html)
            else:
                todo.append((key, text, id_prefix))
        workers = workers or min(os.cpu_count() or 1, 8)
        if workers > 1 and len(todo) >= self.PARALLEL_MIN and forking.can_fork():
            _PENDING = todo
            try:
                with forking.pool(workers) as pool:
                    shares = list(pool.map(_convert_share, range(workers), [workers] * workers))
            finally:
                _PENDING = []
            # shares[w] holds items w, w + workers, ...: put them back in order
            converted = [None] * len(todo)
            for w, share in enumerate(shares):
                converted[w::workers] = share
        else:
            converted = [self._convert(text, id_prefix) for _key, text, id_prefix in todo]
        for (key, _text, _prefix), html in zip(todo, converted):
            if self.cache is not None:
                self.cache.put(key, html)
            self._remember(key, html)
        return len(todo)

    def _remember(self, key: str, html: str) -> None:
        if len(self._memo) < self.MEMO_LIMIT:
            self._memo[key] = html

    def _prune(self, text: str) -> None:
        """Give each inline pass only the patterns this text can trigger (see TRIGGERS)."""
        source = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(self._md.tab_length)
        for pass_name, patterns in self._passes.items():
            keep = tuple(name for name, _priority, _pattern in patterns
                         if name not in TRIGGERS or any(t in source for t in TRIGGERS[name]))
            registry = self._pruned.get((pass_name, keep))
            if registry is None:
                registry = self._pruned[(pass_name, keep)] = Registry()
                for name, priority, pattern in patterns:
                    if name in keep:
                        registry.register(pattern, name, priority)
            self._md.treeprocessors[pass_name].inlinePatterns = registry

    def _convert(self, text: str, id_prefix: str) -> str:
        if self._passes:
            self._prune(text)
        self._md.reset()
        html = self._md.convert(text)
        clean = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
        # Several bodies on one page (the case-study compilation) keep their ids apart with id_prefix.
        prefix = ID_PREFIX + (f"{id_prefix}-" if id_prefix else "")
        seen: set = set()

        def unique_id(m: re.Match) -> str:  # a contributor's id may repeat a heading's: the second is renamed
            value, n = prefix + m.group(1), 1
            while value in seen:
                value, n = f"{prefix}{m.group(1)}_{n}", n + 1
            seen.add(value)
            return f'id="{value}"'

        clean = _EMPTY_CLASS.sub(r"\1", _ID.sub(unique_id, clean))
        clean = _FRAGMENT.sub(lambda m: f'href="#{prefix}{m.group(1)}"', clean)
        return _LINK.sub(_external, clean)


_LINK = re.compile(r"<a\b([^>]*)>")
_EMPTY_CLASS = re.compile(r'(<(?:a|div)\b[^>]*?) class=""')  # what is left when no class was allowed
_HREF = re.compile(r'\bhref="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# The sanitizer's own settings decide the HTML too: a cache entry made under others is not reused.
RECIPE += repr((sorted((k, sorted(v)) for k, v in ALLOWED_CLASSES.items()), ID_PREFIX, EXTERNAL_REL, "external-1"))


def _external(m: re.Match) -> str:
    """A sanitized <a> tag with rel="ugc nofollow noopener" when it leads to another site: an http(s)
    address, or one that browsers read as '//host' (leading spaces, backslashes for slashes), which
    is written https://host so that it never means a host's files when the site is opened from disk."""
    attributes = m.group(1)
    href = _HREF.search(attributes)
    if href is None:
        return m.group(0)
    url = html_text.unescape(href.group(1)).lstrip("\t\n\x0c\r ").replace("\\", "/")
    if url.startswith("//"):
        attributes = attributes.replace(href.group(0), f'href="{html_text.escape("https:" + url)}"')
    elif not _SCHEME.match(url) or url.lower().startswith("mailto:"):
        return m.group(0)
    return f'<a{attributes} rel="{EXTERNAL_REL}">'


_PENDING: list = []  # what forked workers convert: set just before the pool starts, inherited by fork


def _convert_share(worker: int, workers: int) -> list[str]:
    """In a forked worker: every workers-th pending text, starting at `worker`."""
    renderer = MarkdownRenderer(None)
    return [renderer._convert(text, id_prefix) for _key, text, id_prefix in _PENDING[worker::workers]]
