"""Dates as contributors write them: ISO 8601 to the precision they know (YYYY, YYYY-MM or
YYYY-MM-DD), with the first and last day each stands for."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass



@dataclass(frozen=True)
class PartialDate:
    """An ISO 8601 date written to the precision the contributor knows: YYYY, YYYY-MM or YYYY-MM-DD."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso

    def __lt__(self, other: "PartialDate") -> bool:
        return (self.first_day, self.iso) < (other.first_day, other.iso)


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> PartialDate | None:
    m = DATE_RE.match(text)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if year < 1900:
        return None
    return PartialDate(year, month, day)
