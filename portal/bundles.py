"""A Pagefind bundle indexed again over its last files (portal/index.py, `index_site`).

Pagefind names the files of a bundle's contents after a hash of their contents (a page's fragment,
a chunk of words or of a filter's values, a language's metadata) and does not write such a file when
it is already there ("immutable" in its source): it neither compresses it (gzip at its best level)
nor writes it. So a bundle indexed again over its last files writes only the edited pages' fragments
and the chunks that changed: at 10,000 records in six languages, Pagefind over a shard of some 3,700
pages and 4,000 files took 2.9 to 3.1 s, and 4.9 to 5.1 s from nothing (docs/performance.md, "tenth").
Two things make that safe here:

- before: `reusable` leaves only the content-named files. The staging folder's files are hard links
  to the live site's (portal/publish.py), and Pagefind writes its other files (its scripts,
  WebAssembly, pagefind-entry.json) through whatever is at their path; a content-named file it
  never opens for writing when it exists.
- after: `prune` removes the content-named files that no language's metadata names any more (the
  metadata is CBOR, read by `_cbor`). A name anywhere in the metadata keeps its file; metadata that
  cannot be read raises before anything is removed, and the bundle is then indexed from nothing.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

CONTENT_NAMED = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}


def reusable(bundle: Path, version: str) -> None:
    """Leave in the staging folder's copy of a bundle about to be indexed again only the files
    Pagefind would not write again: the content-named ones, and only when the bundle was written by
    this version of Pagefind. Every other file goes: the staging folder's files are hard links to the
    live site's (portal/publish.py), and Pagefind would write its scripts and entry through them.
    Nothing content-named is ever written through: Pagefind leaves such a file alone when it exists."""
    if not bundle.is_dir():
        return
    try:
        same = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8")).get("version") == version.split("+")[0]
    except (OSError, ValueError, AttributeError):
        same = False
    if not same:
        shutil.rmtree(bundle)
        return
    with os.scandir(bundle) as entries:
        for entry in list(entries):
            suffix = CONTENT_NAMED.get(entry.name)
            if entry.is_dir(follow_symlinks=False) and suffix:
                with os.scandir(entry.path) as inner:
                    for item in list(inner):
                        if not (item.name.endswith(suffix) and item.is_file(follow_symlinks=False)):
                            shutil.rmtree(item.path) if item.is_dir(follow_symlinks=False) else os.unlink(item.path)
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            elif not (entry.name.startswith("pagefind.") and entry.name.endswith(".pf_meta")
                      and entry.is_file(follow_symlinks=False)):
                os.unlink(entry.path)


def _cbor(data: bytes, i: int = 0) -> tuple:
    """One item of CBOR (RFC 8949: what Pagefind's metadata is written in) from `data` at `i`, and
    where the next begins: numbers, strings, arrays and maps, which is all Pagefind writes there;
    anything else is a ValueError."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        if i + size > len(data):
            raise ValueError("CBOR cut short")
        n, i = int.from_bytes(data[i:i + size], "big"), i + size
    else:
        raise ValueError(f"CBOR item {head:#04x} not read here")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        if i + n > len(data):
            raise ValueError("CBOR cut short")
        raw = data[i:i + n]
        return (raw.decode("utf-8") if major == 3 else raw), i + n
    if major in (4, 5):
        items = []
        for _ in range(n * (2 if major == 5 else 1)):
            item, i = _cbor(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), i
    raise ValueError(f"CBOR type {major} not read here")


def _strings(item) -> set[str]:
    if isinstance(item, str):
        return {item}
    if isinstance(item, dict):
        item = [*item.keys(), *item.values()]
    return set().union(*map(_strings, item)) if isinstance(item, list) else set()


def prune(bundle: Path) -> None:
    """Remove the content-named files of a bundle that its index no longer refers to: the languages'
    metadata that pagefind-entry.json does not name, and the fragments and chunks whose names no
    metadata holds (each language's metadata lists its pages' fragments and its chunks of words and
    of filters by name). Every name in the metadata counts, so a file is never removed while
    anything there names it. A metadata file that cannot be read raises (ValueError, OSError)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
    named: set[str] = set()
    for meta in metas:
        data = gzip.decompress((bundle / meta).read_bytes())
        if not data.startswith(b"pagefind_dcd"):
            raise ValueError(f"{meta}: not Pagefind's metadata")
        named |= _strings(_cbor(data, len(b"pagefind_dcd"))[0])
    with os.scandir(bundle) as entries:
        for item in list(entries):
            if item.name.endswith(".pf_meta") and item.name not in metas:
                os.unlink(item.path)
    for folder, suffix in CONTENT_NAMED.items():
        if (bundle / folder).is_dir():
            with os.scandir(bundle / folder) as entries:
                for item in list(entries):
                    if item.name[:-len(suffix)] not in named:
                        os.unlink(item.path)
