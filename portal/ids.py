"""Record ids from titles in any script: one function for `build.py new`, the issue-form
converter and the contribute page, whose script follows it step by step.

A title is transliterated to ASCII by text-unidecode (through python-slugify, a well-kept library
that knows Arabic, Chinese, Cyrillic and the rest), then cut into lowercase words of letters and
digits joined by single hyphens, at most 80 characters, ending on a whole word. The page's script
cannot run Python: the build writes text-unidecode's table for the browser
(`assets/transliteration.js`, loaded only when a title holds a character outside ASCII), and the
script applies the same steps; a browser test compares the two on titles in the six languages."""

from __future__ import annotations

import json
import re
import unicodedata

import text_unidecode
from slugify import slugify

MAX_ID_LENGTH = 80
FALLBACK = "record"  # a title with nothing that transliterates (only punctuation, emoji)
BLOCK = 256  # the table is written in blocks of this many code points
TRANSLITERATION = "assets/transliteration.js"


def _prepare(text: str) -> str:
    """What python-slugify would also do, done here so that both sides are the same simple steps:
    apostrophes separate words, and a comma between digits (1,000) disappears."""
    return re.sub(r"(?<=\d),(?=\d)", "", text.replace("'", "-"))


def suggest_id(text: str) -> str:
    """A valid id made from any title or file name: readable lowercase ASCII words joined by hyphens."""
    slug = slugify(_prepare(unicodedata.normalize("NFKD", text)), entities=False, decimal=False, hexadecimal=False,
                   max_length=MAX_ID_LENGTH, word_boundary=True, save_order=True, backend="text-unidecode",
                   algorithm="modern")
    return slug or FALLBACK


def transliteration_table() -> dict[str, list[str]]:
    """text-unidecode's table for the browser: block number (hex) -> the block's 256 replacements;
    blocks that only drop characters are left out (the script drops what it does not find)."""
    table = text_unidecode._replaces  # the library's own data, indexed by code point - 1
    out = {}
    for start in range(BLOCK, len(table) + 1, BLOCK):
        cells = [table[cp - 1] if cp - 1 < len(table) else "" for cp in range(start, start + BLOCK)]
        if any(cells):
            out[format(start // BLOCK, "x")] = cells
    return out


def transliteration_script() -> str:
    """assets/transliteration.js: the table as a global the contribute script reads; a script, not
    JSON, so that the page reads it from disk too (browsers do not fetch files from file://)."""
    data = json.dumps(transliteration_table(), ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return ("// text-unidecode's transliteration table, written by the build (portal/ids.py).\n"
            f"window.PORTAL_TRANSLITERATION = {data};\n")
