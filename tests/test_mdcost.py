"""mdcost.cost visits only the characters its scans act on; it must find what a loop over every
character finds (the first way it was written, kept here as the reference), on texts made of the
characters that matter and on every shipped text."""

from __future__ import annotations

import random
from pathlib import Path

from portal import mdcost

ROOT = Path(__file__).resolve().parent.parent


def every_character(text: str) -> mdcost.Cost:
    """mdcost.cost as it was first written: a loop over every character of the text."""
    brackets = unclosed_b = parens = unclosed_p = 0
    first_b = first_p = -1
    quotes = [0]  # quotes[i]: quotation marks before index i, to tell whether a link address has one
    # at[i]: where index i is in the text the link patterns scan, in which code spans and escapes
    # have become placeholders of about fifteen characters.
    at = [0]
    for c in text:
        quotes.append(quotes[-1] + (c in "'\""))
        at.append(at[-1] + mdcost.GROWTH.get(c, 1))
    for start, end in mdcost._blocks(text):
        opened: list[int] = []  # '[' not yet closed
        groups: list[int] = []  # '(' not yet closed
        addresses: dict[int, int] = {}  # '(' of a link address -> index of its ']'
        i = start
        while i < end:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == "[":
                opened.append(i)
            elif c == "]" and opened:
                brackets += at[i] - at[opened.pop()]
                if i + 1 < end and text[i + 1] == "(":
                    addresses[i + 1] = i
            elif c == "(":
                groups.append(i)
            elif c == ")" and groups:
                group = groups.pop()
                if group in addresses:
                    # A quote starts a title, in which Python-Markdown stops counting parentheses:
                    # it may scan past this ')', as far as the end.
                    parens += at[end if quotes[i] > quotes[group] else i] - at[addresses.pop(group)]
            i += 1
        for i in opened:
            brackets += at[end] - at[i]
        unclosed_b += len(opened)
        if opened and first_b < 0:
            first_b = opened[0]
        for i, bracket in addresses.items():
            parens += at[end] - at[bracket]
            unclosed_p += 1
            first_p = i if first_p < 0 else min(first_p, i)
    angles = stray = 0
    first_a = -1
    n = len(text)
    for m in mdcost.ANGLE.finditer(text):
        i = m.start()
        tag = mdcost.TAG.match(text, i)
        if tag:
            angles += tag.end() - i
        else:
            angles += n - i
            stray += 1
            first_a = i if first_a < 0 else first_a
    return mdcost.Cost(brackets, unclosed_b, first_b, parens, unclosed_p, first_p, angles, stray, first_a)


PIECES = ("[", "]", "(", ")", "](", "\\", "\\[", "`", "'", '"', "<", "<b>", "a", "word ", "\n", "\n\n", "\n  \n",
          "[a](b)", "[a](b 'c')", "[x]", "<!-- c -->", "<https://x.org>")


def test_the_same_costs_as_a_loop_over_every_character():
    rng = random.Random(22)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        assert mdcost.cost(text) == every_character(text), repr(text)


def test_the_same_costs_on_every_shipped_text():
    texts = [p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in (ROOT / "content").rglob("*")
             if p.suffix in (".md", ".yml")]
    assert len(texts) > 100
    for text in texts:
        assert mdcost.cost(text) == every_character(text)
