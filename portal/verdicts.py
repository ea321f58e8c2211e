"""The rules that more than one stage asks about, each written once: whether a need or an offer is
still open on a day, and whether cooperation between parties was South-South on a day. The
validator, the pages and matchmaking all call these."""

from __future__ import annotations

import datetime as dt

SOUTH_SOUTH = "south-south"
TRIANGULAR = "triangular"


def expired(record, today: dt.date) -> bool:
    """An open need or offer whose closing date has passed: shown as expired, never suggested."""
    return record.status == "open" and record.expires is not None and record.expires.last_day < today


def is_open(record, today: dt.date) -> bool:
    """Open and not expired: what matchmaking suggests and the home page counts."""
    return record.status == "open" and not expired(record, today)


def pair_cooperation(countries, day: dt.date, reference) -> str:
    """Whether two parties (their countries; None for one without a country) cooperating on `day`
    make South-South cooperation: both have a country and both were southern on that day."""
    countries = list(countries)
    southern = all(c is not None and reference.countries[c].status_on(day).southern for c in countries)
    return SOUTH_SOUTH if countries and southern else TRIANGULAR
