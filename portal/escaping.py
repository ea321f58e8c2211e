"""Escaping for the output contexts that are not HTML text (which Jinja's autoescaping covers).
Every context escapes for itself, at the point where the text is written into it, whatever the
validator let through."""

from __future__ import annotations

import json

from markupsafe import Markup

# Inside <script>, the HTML parser looks for "</script", and "<!--" followed by "<script" makes it
# look for two closing tags: a title such as '<!--<script>x' left the element open to the end of the
# page. No '<' may reach the element, and none of '>' or '&' either (a parser that reads the block
# as HTML, or XHTML, sees only text). U+2028 and U+2029 end a line in JavaScript before ES2019.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_for_script(json_text: str) -> str:
    """JSON text made safe to place inside a <script> element, with the same meaning: the five
    characters can only occur inside JSON strings, where their \\u escapes stand for them. One
    `replace` per character, not `str.translate`: the offline index's 18 MB a language at 10,000
    records took 0.47 processor-seconds through `translate`'s mapping and take 0.03 this way."""
    for char, escape in _SCRIPT_ESCAPES:
        if char in json_text:
            json_text = json_text.replace(char, escape)
    return json_text


def script_json(value, **dumps) -> str:
    """`value` as JSON text that can be placed inside a <script> element (see json_for_script)."""
    return json_for_script(json.dumps(value, ensure_ascii=False, **dumps))


def script_json_parse(value) -> str:
    """A script expression of `value`: `JSON.parse('…')` of its JSON text (script_json, so that the
    file holds no '<', '>' or '&' either), in a single-quoted string."""
    text = script_json(value, separators=(",", ":"))
    return "JSON.parse('" + text.replace("\\", "\\\\").replace("'", "\\'") + "')"


def script_json_filter(json_text: str) -> Markup:
    """The Jinja filter `script_json`: JSON text (already dumped) for a <script> element."""
    return Markup(json_for_script(str(json_text)))
