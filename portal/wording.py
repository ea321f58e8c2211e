"""Dates and short texts as the active language writes them (portal/i18n.py holds the language)."""

from __future__ import annotations

from functools import lru_cache

from .fields import PartialDate
from .i18n import active
from .views import Item


def _precision(d: PartialDate) -> str:
    return "day" if d.day else "month" if d.month else "year"


def format_date(d: PartialDate) -> str:
    return active().date(d.first_day, _precision(d))


def when(d: PartialDate | None) -> Item | None:
    return Item(format_date(d), iso=d.iso) if d else None


def dates(start: PartialDate | None, end: PartialDate | None) -> tuple:
    """A date, or a range written as the language writes ranges: '10–12 May 2019', '2019年5月10日至12日'."""
    if start is None:
        return ()
    if end is None or end == start:
        return (when(start),)
    precision = _precision(start)
    if precision == _precision(end):
        text = active().date_range(start.first_day, end.first_day, precision)
    else:
        text = f"{format_date(start)} – {format_date(end)}"
    return (Item(text, until_iso=end.iso, iso=start.iso),)


@lru_cache(maxsize=32_768)
def plain(markdown_text: str, limit: int = 300) -> str:
    """A one-paragraph plain-text summary of Markdown, for meta descriptions. Remembered: each
    language's pages ask it of the same texts (a record not yet translated)."""
    text = " ".join(markdown_text.replace("#", " ").replace("*", "").replace("_", " ").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def excerpt(text: str, limit: int) -> str:
    """At most `limit` characters of a text, for a page's description (search results, shared links)
    or its excerpt in the offline index: cut after a word, not inside one, and marked."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "\u2026"
