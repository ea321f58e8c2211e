"""What a Markdown text will cost to convert, known before it is converted.

Python-Markdown and the standard library's HTML parser it uses take time quadratic in the length of
some texts: each '[' is scanned to its closing ']' (or to the end of its paragraph when there is
none), each link address '](' to its ')', and each '<' that starts no complete tag to the end of the
text, character by character in Python. 5,000 '[' took 11 s; 20,000 took 101 s. Every other
construct converts in time about proportional to the text's length, which the record formats bound.

The validator refuses a text whose scans add up to more than a budget (`problems`), with a message
that says which characters to close or escape. The budgets leave ordinary texts far below them (a
text with a link every line scans a few hundred characters per link) and keep the slowest accepted
text at the longest accepted length well under a second (tests/test_hostile.py converts it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# Characters scanned, summed over a text, beyond which it is refused: each about 0.05 s of one core
# (a bracket costs about 0.35 microseconds, a link address 0.25, a '<' 0.12). An unclosed '[' at
# the start of a 12,000-character paragraph scans 12,000.
BRACKET_BUDGET = 150_000
PAREN_BUDGET = 150_000
ANGLE_BUDGET = 600_000

BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A complete tag, comment or autolink, each part bounded so that trying one costs little. A '<' that
# starts none of them is what the HTML parser scans the rest of the text for.
TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]{0,40}"  # name
    r"(?:\s{1,40}[^\s\"'<>/=]{1,60}(?:\s{0,10}=\s{0,10}(?:\"[^\"<]{0,1000}\"|'[^'<]{0,1000}'|[^\s\"'=<>`]{1,1000}))?){0,30}"
    r"\s{0,40}/?>"
    r"|<!--[^\n]{0,1000}?-->|<!--(?:(?!-->).){0,4000}-->"  # a comment (several lines too)
    r"|<(?:https?|ftp)://[^\s<>]{1,2000}>|<[^\s<>@]{1,200}@[^\s<>@]{1,200}>",  # autolinks
    re.DOTALL)
ANGLE = re.compile(r"<[A-Za-z/!?]")
# Before the link patterns run, code spans and escapes are replaced by placeholders about fifteen
# characters long: '`a`' scans like fifteen characters, '\\*' like fifteen.
GROWTH = {"`": 7, "\\": 14}


@dataclass(frozen=True)
class Cost:
    """What a text makes the converter scan, and where the first unclosed opener is."""

    brackets: int = 0  # characters scanned for '[' ... ']'
    unclosed_brackets: int = 0
    first_bracket: int = -1  # index in the text
    parens: int = 0  # characters scanned for '](' ... ')'
    unclosed_parens: int = 0
    first_paren: int = -1
    angles: int = 0  # characters the HTML parser scans after '<' that starts no complete tag
    stray_angles: int = 0
    first_angle: int = -1


def _blocks(text: str):
    """(start, end) of each run of lines between blank lines: no paragraph, list item or table cell
    Python-Markdown scans spans one."""
    start = 0
    for m in BLANK_LINE.finditer(text):
        yield start, m.start()
        start = m.end() - 1
    yield start, len(text)


SCANNED = re.compile(r"[\\\[\]()]")  # the characters the bracket and link-address scans act on
GROWN = re.compile(r"[`\\]")
QUOTE = re.compile(r"['\"]")


def cost(text: str) -> Cost:
    """The scans of a text whose line breaks are all '\\n', found in time proportional to its length.
    Only the characters the scans act on are visited (a loop over every character was about 8% of a
    cold build), and where the link patterns see an index (code spans and escapes grown into
    placeholders) and how many quotation marks precede it are counted from the few characters that
    change them."""
    brackets = unclosed_b = parens = unclosed_p = 0
    first_b = first_p = -1
    grown = [(m.start(), GROWTH[m.group()] - 1) for m in GROWN.finditer(text)]
    grown_at = [g[0] for g in grown]
    extra = [0]  # extra[k]: growth of the first k grown characters
    for _i, g in grown:
        extra.append(extra[-1] + g)
    quote_at = [m.start() for m in QUOTE.finditer(text)]

    def at(i: int) -> int:  # where index i is in the text the link patterns scan
        return i + extra[bisect_left(grown_at, i)]

    def quotes(i: int) -> int:  # quotation marks before index i
        return bisect_left(quote_at, i)

    marks = [(m.start(), m.group()) for m in SCANNED.finditer(text)]
    k = 0
    for start, end in _blocks(text):
        opened: list[int] = []  # '[' not yet closed
        groups: list[int] = []  # '(' not yet closed
        addresses: dict[int, int] = {}  # '(' of a link address -> index of its ']'
        while k < len(marks) and marks[k][0] < start:
            k += 1
        skip = -1  # the index an escape makes the scans pass over
        while k < len(marks) and marks[k][0] < end:
            i, c = marks[k]
            k += 1
            if i == skip:
                continue
            if c == "\\":
                skip = i + 1
                continue
            if c == "[":
                opened.append(i)
            elif c == "]" and opened:
                brackets += at(i) - at(opened.pop())
                if i + 1 < end and text[i + 1] == "(":
                    addresses[i + 1] = i
            elif c == "(":
                groups.append(i)
            elif c == ")" and groups:
                group = groups.pop()
                if group in addresses:
                    # A quote starts a title, in which Python-Markdown stops counting parentheses:
                    # it may scan past this ')', as far as the end.
                    parens += at(end if quotes(i) > quotes(group) else i) - at(addresses.pop(group))
        for i in opened:
            brackets += at(end) - at(i)
        unclosed_b += len(opened)
        if opened and first_b < 0:
            first_b = opened[0]
        for i, bracket in addresses.items():
            parens += at(end) - at(bracket)
            unclosed_p += 1
            first_p = i if first_p < 0 else min(first_p, i)
    angles = stray = 0
    first_a = -1
    n = len(text)
    for m in ANGLE.finditer(text):
        i = m.start()
        tag = TAG.match(text, i)
        if tag:
            angles += tag.end() - i
        else:
            angles += n - i
            stray += 1
            first_a = i if first_a < 0 else first_a
    return Cost(brackets, unclosed_b, first_b, parens, unclosed_p, first_p, angles, stray, first_a)


def problems(text: str) -> list[tuple[str, int, str]]:
    """(what is wrong, its index in the text or -1, how to fix it) for each budget a text (line breaks
    all '\\n') exceeds."""
    c = cost(text)
    out = []
    if c.brackets > BRACKET_BUDGET:
        if c.unclosed_brackets:
            what = f"{c.unclosed_brackets} '[' that no ']' closes"
        else:
            what = "'[' nested too deeply or closed too far from where they open"
        out.append((what, c.first_bracket, "Close each '[' with ']' (a link is written [text](https://…)), or "
                    "write '\\[' for a bracket that is only text."))
    if c.parens > PAREN_BUDGET:
        out.append((f"{c.unclosed_parens} link addresses '](' that no ')' closes", c.first_paren,
                    "Close each link's address with ')': [text](https://…)."))
    if c.angles > ANGLE_BUDGET:
        out.append((f"{c.stray_angles} '<' that start no complete HTML tag", c.first_angle,
                    "Write '&lt;' for a '<' that is only text, or complete the tag with '>'."))
    return out
