"""Contributed Markdown to safe HTML: Python-Markdown for the syntax, then nh3 (an allowlist
sanitizer) on the result, because Markdown passes raw HTML, event handlers and script links through."""

from __future__ import annotations

import hashlib
import html as html_text
import os
import platform
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
from .i18n import _

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
# The footnotes' way back, as converted (and cached, once for every language), then said in the
# language of the page that shows it.
BACKLINK = re.compile(r'(<a class="footnote-backref" href="[^"]*" title=")Back to reference (\d+)(")')

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
LINK_REL = None  # nh3 adds no rel: links to other sites get EXTERNAL_REL after sanitizing
STRIP_COMMENTS = True
_ID = re.compile(r'\bid="([^"]*)"')
_FRAGMENT = re.compile(r'\bhref="#([^"]*)"')
# Markdown converts in time quadratic to some inputs ('[' * n); fields are bounded by the schema.


def sanitizer_options() -> dict:
    """nh3's options as they are set above (a renderer takes them when it is made)."""
    return {"tags": ALLOWED_TAGS, "attributes": ALLOWED_ATTRIBUTES, "url_schemes": URL_SCHEMES,
            "link_rel": LINK_REL, "strip_comments": STRIP_COMMENTS, "allowed_classes": ALLOWED_CLASSES}


def _source_digest(module) -> str:
    return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()


# This module's code, as it was when imported (the code that runs): the heading shift, the skipped
# patterns, the sanitizer's call and the ids' prefixes are all here.
SOURCE_DIGEST = _source_digest(sys.modules[__name__])


def _canonical(value):
    """`value` with its sets and mappings in sorted order, so that its repr is always the same."""
    if isinstance(value, dict):
        return sorted((repr(k), _canonical(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def _extension(extension) -> object:
    """An extension as the recipe names it: Python-Markdown's own by name (its version covers their
    code), an object by its class, its settings and its module's code (this module's as imported)."""
    if isinstance(extension, str):
        return extension
    cls = type(extension)
    module = sys.modules[cls.__module__]
    code = SOURCE_DIGEST if module is sys.modules[__name__] else _source_digest(module)
    return f"{cls.__module__}.{cls.__qualname__}", _canonical(extension.getConfigs()), code


def recipe(extensions: list, extension_configs: dict, sanitizer: dict) -> str:
    """Everything that decides the HTML of a text besides the text itself, as one digest, which every
    cache key includes: Python's, Python-Markdown's and nh3's versions, the extensions and their
    settings, the sanitizer's options, and the code of this module (which post-processes). A cache
    entry made under anything else is never reused."""
    parts = (platform.python_version(), markdown.__version__, nh3.__version__,
             [_extension(e) for e in extensions], _canonical(extension_configs), _canonical(sanitizer),
             SOURCE_DIGEST)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class MarkdownCache:
    """Converted Markdown on disk, keyed by a hash of the text and the renderer's recipe. Markdown
    is the most expensive step of a build; the cache can only skip that work, never change its
    result (a test builds with and without it and compares the trees, another changes a setting
    and sees an entry made before not reused)."""

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
    def key(recipe: str, text: str, id_prefix: str) -> str:
        return hashlib.sha256(f"{recipe}\0{id_prefix}\0{text}".encode("utf-8")).hexdigest()

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


def in_language(html: str) -> str:
    """Converted HTML with the footnotes' "back to reference" titles in the active language."""
    if "footnote-backref" not in html:
        return html
    return BACKLINK.sub(lambda m: m.group(1) + html_text.escape(_("Back to reference %(number)s", number=m.group(2)))
                        + m.group(3), html)


class MarkdownRenderer:
    """One reusable converter (Python-Markdown instances are stateful and must be reset)."""

    MEMO_LIMIT = 60_000  # bodies kept in memory: each language's pages show the same ones
    PARALLEL_MIN = 300  # texts to convert below which a pool of processes is not worth starting

    def __init__(self, cache: MarkdownCache | None = None, prune: bool = True):
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self._sanitizer = sanitizer_options()
        self.recipe = recipe(EXTENSIONS, EXTENSION_CONFIGS, self._sanitizer)
        self.cache = cache
        self._memo: dict = {}  # key (MarkdownCache.key) -> HTML
        self._by_text: dict = {}  # (text, id prefix) -> HTML, what __call__ converted or found
        # Each pass's patterns as (name, priority, pattern), in the order they run; the pruned
        # registries made from them, by the names they keep.
        self._passes = {name: _patterns(self._md.treeprocessors[name].inlinePatterns)
                        for name in INLINE_PASSES} if prune else {}
        self._pruned: dict = {}

    def forget_cache(self) -> None:
        """Stop using the on-disk cache (once its connection is closed); converted texts stay in memory."""
        self.cache = None

    def __call__(self, text: str, id_prefix: str = "") -> str:
        # By the text itself first: each language's pages show the same texts, and hashing a text
        # again for its key cost more than finding it.
        html = self._by_text.get((text, id_prefix))
        if html is not None:
            return in_language(html)
        key = MarkdownCache.key(self.recipe, text, id_prefix)
        html = self._memo.get(key)
        if html is None:
            html = self.cache.get(key) if self.cache is not None else None
            if html is None:
                html = self._convert(text, id_prefix)
                if self.cache is not None:
                    self.cache.put(key, html)
            self._remember(key, html)
        if len(self._by_text) < self.MEMO_LIMIT:
            self._by_text[(text, id_prefix)] = html
        return in_language(html)

    def convert_all(self, items, workers: int | None = None) -> int:
        """Convert many (text, id_prefix) pairs ahead of use, spread over forked processes (one per
        core): the conversions that neither the memory nor the disk cache already hold. Returns how
        many were converted. Later calls find the results in memory; nothing else changes."""
        todo, seen = [], set()
        for text, id_prefix in items:
            key = MarkdownCache.key(self.recipe, text, id_prefix)
            if key in seen or key in self._memo:
                continue
            seen.add(key)
            html = self.cache.get(key) if self.cache is not None else None
            if html is not None:
                self._remember(key, html)
            else:
                todo.append((key, text, id_prefix))
        workers = workers or min(os.cpu_count() or 1, 8)
        if len(todo) < self.PARALLEL_MIN:
            workers = 1
        converted = forking.interleave(forking.shares((self, todo), _convert_share, workers))
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
        clean = nh3.clean(html, **self._sanitizer)
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


def _convert_share(job: tuple, worker: int, workers: int) -> list[str]:
    """Every workers-th text to convert, starting at `worker`."""
    renderer, todo = job
    return [renderer._convert(text, id_prefix) for _key, text, id_prefix in todo[worker::workers]]
